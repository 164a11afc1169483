/**
 * Suggestions as the app passes them around: how one is told apart from another, which are
 * still open once a layer has accepted or turned some down, and what accepting one writes.
 * The engine that finds them is `./suggest`.
 */
import { rangesOverlap } from './spans';
import type { SpanRange, Suggestion } from './suggest/suggestion';
import type { NewSpan } from './types';

/** The other places a tagged text occurs in one document, offered to be tagged at once. */
export interface OccurrenceBatch {
  docId: string;
  title: string;
  suggestions: Suggestion[];
}

/** The answer of "tag all occurrences". */
export interface OccurrenceSearch {
  documents: OccurrenceBatch[];
  /** True when the search stopped at its limit and more occurrences may exist. */
  truncated: boolean;
}

/** A suggestion's identity within one document: its range and label (safe in an HTML attribute). */
export function suggestionKey(range: SpanRange): string {
  return `${range.start}-${range.end}-${range.label}`;
}

/**
 * The suggestions a layer has not dealt with yet: not turned down, and not overlapping a span
 * of their label (accepting one would break the no-overlap rule, and one accepted already
 * covers its own place).
 */
export function openSuggestions<T extends SpanRange>(
  suggestions: readonly T[],
  spans: readonly SpanRange[],
  rejected: readonly SpanRange[] = [],
): T[] {
  const turnedDown = new Set(rejected.map(suggestionKey));
  return suggestions.filter(
    (suggestion) =>
      !turnedDown.has(suggestionKey(suggestion)) &&
      !spans.some((span) => span.label === suggestion.label && rangesOverlap(span, suggestion)),
  );
}

/**
 * The span that accepting a suggestion adds to a layer: its range and label, with the
 * attributes the engine read from its text. Where it came from is not kept: an accepted span
 * is like any other.
 */
export function acceptedSpan(suggestion: Suggestion, id: string): NewSpan {
  const { start, end, label, attributes } = suggestion;
  return { id, start, end, label, ...(attributes ? { attributes } : {}) };
}
