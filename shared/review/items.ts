/**
 * What an adjudicator decides on one document: every disagreement between its annotators, and
 * every span they all agree on (which still has to be accepted into gold). An item is decided
 * once the gold layer answers it — a gold span of one of its labels overlapping its range — or
 * once the adjudicator rejected it. Rules and reasons: docs/review.md.
 */
import { agreed, disagreements, type DisagreementKind } from '../agreement';
import { rangesOverlap } from '../spans';
import type { ReviewStatus, Span } from '../types';

export type ReviewItemKind = DisagreementKind | 'agreed';

/** A disagreement, or a span every annotator of the document has identically. */
export interface ReviewItem {
  /**
   * Stable while the annotators' layers stay the same: a disagreement's id (`label:12-20`,
   * `boundary:ACTOR:3-15`, `missing:DATE:40-46`) or `agreed:<label>:<start>-<end>`.
   */
  id: string;
  kind: ReviewItemKind;
  start: number;
  end: number;
  /** Every annotator who worked on the document, with their spans in this item (maybe none). */
  spans: Record<string, Span[]>;
}

/** What the gold layer of a document holds that answers items. */
export interface GoldDecisions {
  spans: readonly Span[];
  /** Ids of the items the adjudicator rejected. */
  rejected: readonly string[];
}

/** Where an item sits in a document, which is all navigation needs of it. */
export interface ItemPosition {
  id: string;
  start: number;
  end: number;
}

export const NO_DECISIONS: GoldDecisions = { spans: [], rejected: [] };

/**
 * Every item of a document, decided or not, in text order (`compareItems`). `layers` holds the
 * layers of everyone who worked on it; with fewer than two there is nothing to review.
 */
export function reviewItems(layers: Readonly<Record<string, readonly Span[]>>): ReviewItem[] {
  const annotators = Object.keys(layers);
  const items: ReviewItem[] = disagreements(layers).map(({ id, kind, start, end, spans }) => ({ id, kind, start, end, spans }));
  for (const consensus of agreed(layers)) {
    const { start, end, label } = consensus;
    const spans = Object.fromEntries(annotators.map((a): [string, Span[]] => [a, consensus.spans[a] ? [consensus.spans[a]] : []]));
    items.push({ id: `agreed:${label}:${start}-${end}`, kind: 'agreed', start, end, spans });
  }
  return items.sort(compareItems);
}

/** The labels an item is about: those of its spans. */
function itemLabels(item: ReviewItem): Set<string> {
  return new Set(Object.values(item.spans).flatMap((spans) => spans.map((s) => s.label)));
}

/** The gold spans that answer an item: one of its labels, overlapping its range. */
export function answeringSpans(item: ReviewItem, gold: readonly Span[]): Span[] {
  const labels = itemLabels(item);
  return gold.filter((s) => labels.has(s.label) && rangesOverlap(s, item));
}

/** Whether the gold layer holds a decision on the item: a span answering it, or its rejection. */
export function isDecided(item: ReviewItem, gold: GoldDecisions): boolean {
  return gold.rejected.includes(item.id) || answeringSpans(item, gold.spans).length > 0;
}

/** The items still waiting for a decision, in text order. */
export function openItems(items: readonly ReviewItem[], gold: GoldDecisions): ReviewItem[] {
  return items.filter((item) => !isDecided(item, gold));
}

/** A document's review status from how many annotators worked on it and how many items are open. */
export function reviewStatus(annotatorCount: number, openCount: number): ReviewStatus {
  if (annotatorCount < 2) return 'not-needed';
  return openCount > 0 ? 'needs-review' : 'reviewed';
}

/** Text order of items: by start, then end, then id (which begins with the kind). */
export function compareItems(x: ItemPosition, y: ItemPosition): number {
  return x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
