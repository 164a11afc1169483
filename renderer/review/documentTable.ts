/** The agreement screen's table of documents: its rows and how they sort. */
import type { DocumentAgreement } from '../../shared/agreement';
import type { DocumentSummary, ReviewStatus } from '../../shared/types';

export interface DocumentRow {
  id: string;
  title: string;
  annotators: number;
  meanF1: number | null;
  review: ReviewStatus;
}

export type DocumentSortKey = 'title' | 'annotators' | 'meanF1' | 'review';
export type SortDirection = 'ascending' | 'descending';

const REVIEW_ORDER: Record<ReviewStatus, number> = { 'needs-review': 0, reviewed: 1, 'not-needed': 2 };

/** The report's documents with their titles and review status from the document list. */
export function documentRows(perDocument: readonly DocumentAgreement[], documents: readonly DocumentSummary[]): DocumentRow[] {
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  return perDocument.map((entry) => {
    const doc = byId.get(entry.id);
    return {
      id: entry.id,
      title: doc?.title || entry.id,
      annotators: entry.annotatorCount,
      meanF1: entry.meanF1,
      review: doc?.review ?? 'needs-review',
    };
  });
}

/** The rows sorted by one column; rows without a score go last either way, then by title. */
export function sortRows(rows: readonly DocumentRow[], key: DocumentSortKey, direction: SortDirection): DocumentRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byTitle = (x: DocumentRow, y: DocumentRow) => x.title.localeCompare(y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return [...rows].sort((x, y) => {
    if (key === 'meanF1' && x.meanF1 !== y.meanF1) {
      if (x.meanF1 === null) return 1;
      if (y.meanF1 === null) return -1;
      return sign * (x.meanF1 - y.meanF1);
    }
    if (key === 'annotators' && x.annotators !== y.annotators) return sign * (x.annotators - y.annotators);
    if (key === 'review' && x.review !== y.review) return sign * (REVIEW_ORDER[x.review] - REVIEW_ORDER[y.review]);
    if (key === 'title') return sign * byTitle(x, y);
    return byTitle(x, y);
  });
}
