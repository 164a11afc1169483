/** Review status words, shown beside a mark in CSS (`.sw-review-<status>`), never by colour alone. */
import type { ReviewStatus } from '../../shared/types';

export const REVIEW_TEXT: Record<ReviewStatus, string> = {
  'not-needed': 'no review',
  'needs-review': 'needs review',
  reviewed: 'reviewed',
};
