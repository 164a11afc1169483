/** What every suggestion source produces, and the span ranges they are checked against. */
import { rangesOverlap } from '../spans';
import type { AttributeValues } from '../types';

/** A proposed span waiting for an annotator to accept or reject it. */
export interface Suggestion {
  /** Code point offsets into the document text, `start < end`. */
  start: number;
  end: number;
  label: string;
  /** Where it came from: "occurrences", "gazetteer", "rule:date", "nlp:name", ... */
  source: string;
  /** How sure the source is, 0–1; comparable across sources only roughly. */
  score: number;
  /** The covered text. */
  text: string;
  attributes?: AttributeValues;
  /** Every source that proposed the same span, best first; set by the engine. */
  sources?: string[];
}

/** The part of a span that placement rules look at; a stored `Span` is one. */
export interface SpanRange {
  start: number;
  end: number;
  label: string;
}


/**
 * Keep suggestions so that no two of one label overlap, taking them in `rank` order (the
 * preferred first): the guidelines never let two spans of the same label overlap.
 */
export function withoutOverlaps(suggestions: Suggestion[], rank: (a: Suggestion, b: Suggestion) => number): Suggestion[] {
  // Per label, the kept ones sorted by start: being disjoint, only the neighbours of an
  // insertion point can overlap a newcomer.
  const keptByLabel = new Map<string, Suggestion[]>();
  const kept: Suggestion[] = [];
  for (const suggestion of [...suggestions].sort(rank)) {
    const sameLabel = keptByLabel.get(suggestion.label) ?? [];
    let at = 0;
    for (let high = sameLabel.length; at < high; ) {
      const middle = (at + high) >>> 1;
      if (sameLabel[middle].start < suggestion.start) at = middle + 1;
      else high = middle;
    }
    const before = sameLabel[at - 1];
    const after = sameLabel[at];
    if ((before && rangesOverlap(before, suggestion)) || (after && rangesOverlap(after, suggestion))) continue;
    sameLabel.splice(at, 0, suggestion);
    keptByLabel.set(suggestion.label, sameLabel);
    kept.push(suggestion);
  }
  return kept;
}
