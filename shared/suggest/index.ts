export { suggest, type SuggestInput } from './engine';
export {
  applyGazetteerChange,
  buildGazetteer,
  gazetteerOfCounts,
  matchGazetteer,
  GAZETTEER_SOURCE,
  type Gazetteer,
  type GazetteerChange,
  type GazetteerEntry,
} from './gazetteer';
export { findOccurrences, OCCURRENCE_SOURCE, type OccurrenceQuery } from './occurrences';
export { matchRules, proposeAttributes, DATE_RULE_SOURCE, CASUALTY_RULE_SOURCE } from './rules';
export { matchEntities, NAME_SOURCE, FORCE_SOURCE } from './nlp';
export { mergeSuggestions, offer, type OfferInput } from './merge';
export { withoutOverlaps, type Suggestion, type SpanRange } from './suggestion';
