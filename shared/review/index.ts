/** Review and adjudication: the items to decide per document, decisions as gold changes, walking the corpus. */
export { reviewAnnotators } from './annotators';
export type { ReviewAnnotator } from './annotators';
export { acceptAgreed, decide } from './decisions';
export { formatScore } from './figures';
export type { Adjudication, DecisionOutcome, GoldChange, ReviewDecision } from './decisions';
export { answeringSpans, compareItems, isDecided, NO_DECISIONS, openItems, reviewItems, reviewStatus } from './items';
export type { GoldDecisions, ItemPosition, ReviewItem, ReviewItemKind } from './items';
export { findItem } from './navigation';
export type { ItemTarget, WalkStart } from './navigation';
export { GOLD_LAYER } from './view';
export type { AcceptAgreedReport, AgreementOverview, ReviewView } from './view';
