/** What the agreement and review screens receive from the service. */
import type { AgreementReport } from '../agreement';
import type { DocumentRecord, ReviewStatus, Span } from '../types';
import type { ReviewAnnotator } from './annotators';
import type { ReviewItem } from './items';

/** The id of the adjudicated layer, where review decisions go. */
export const GOLD_LAYER = 'gold';

/** The agreement report of a project's annotators, with who they are. */
export interface AgreementOverview {
  /** The annotators compared, in the report's order. */
  annotators: ReviewAnnotator[];
  report: AgreementReport;
}

/** One document as the adjudicator reviews it. */
export interface ReviewView {
  document: DocumentRecord;
  /** Every annotator of the project, in one fixed order: the number keys follow it. */
  annotators: ReviewAnnotator[];
  /** The spans of each annotator who worked on this document, by annotator id. */
  layers: Record<string, Span[]>;
  /** The gold layer's spans. */
  gold: Span[];
  /** Items still to decide, in text order. */
  items: ReviewItem[];
  /** How many items already have a decision. */
  decided: number;
  /** Mean exact-match F1 of the annotators on this document (docs/agreement.md). */
  meanF1: number | null;
  status: ReviewStatus;
}

/** What accepting all agreed spans did. */
export interface AcceptAgreedReport {
  /** Gold spans added. */
  accepted: number;
  /** Documents whose gold layer changed. */
  documents: number;
  /** Documents whose gold layer could not be changed, and why. */
  failures: Array<{ docId: string; message: string }>;
}
