/** Agreement between annotators: metrics, the corpus report, review and adjudication helpers. */
export { agreementReport } from './report';
export type { Agreement, AgreementDocument, AgreementReport, DocumentAgreement, PairAgreement } from './report';
export { corpusSpanAgreement, matchSpans, prf, spanAgreement } from './spanmatch';
export type { MatchCounts, MatchMode, PRF, SpanAgreement } from './spanmatch';
export { categoryKappa, cohenKappa, kappaTally } from './kappa';
export type { KappaTally } from './kappa';
export { fleissKappa, fleissTally } from './fleiss';
export type { FleissTally } from './fleiss';
export { alphaTally, krippendorffAlpha } from './krippendorff';
export type { AlphaTally } from './krippendorff';
export { foldRatings, ratingsOf } from './ratings';
export type { RatedItems } from './ratings';
export { OUTSIDE, tokenRatings } from './tokenlabels';
export { agreed, disagreements } from './disagreements';
export type { Disagreement, DisagreementKind } from './disagreements';
export type { ConsensusSpan } from './consensus';
export { majorityLayer } from './majority';
export { goldSpanFrom, goldSpanFromConsensus } from './gold';
