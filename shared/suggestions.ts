/**
 * Suggestions as the app passes them around: how one is told apart from another, which are
 * still open once a layer has accepted or turned some down, and what accepting one writes.
 * The engine that finds them is `./suggest`.
 */
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
  const overlapsSpan = overlapTest(spans);
  return suggestions.filter((suggestion) => !turnedDown.has(suggestionKey(suggestion)) && !overlapsSpan(suggestion));
}

/**
 * Whether a range overlaps a span of its label (`rangesOverlap`), in log time: this runs on
 * every edit, and a long article has thousands of spans and suggestions, too many to compare
 * each with each. Per label, the spans sorted by start with the furthest end reached so far:
 * some span starting before the range ends overlaps it iff that furthest end is past its start.
 */
export function overlapTest(spans: readonly SpanRange[]): (range: SpanRange) => boolean {
  const byLabel = new Map<string, SpanRange[]>();
  for (const span of spans) {
    const list = byLabel.get(span.label);
    if (list) list.push(span);
    else byLabel.set(span.label, [span]);
  }
  const sorted = new Map<string, { starts: number[]; reach: number[] }>();
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a.start - b.start);
    let furthest = -Infinity;
    sorted.set(label, { starts: list.map((span) => span.start), reach: list.map((span) => (furthest = Math.max(furthest, span.end))) });
  }
  return (range) => {
    const index = sorted.get(range.label);
    if (!index) return false;
    let low = 0;
    let high = index.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (index.starts[middle]! < range.end) low = middle + 1;
      else high = middle;
    }
    return low > 0 && index.reach[low - 1]! > range.start;
  };
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
