/**
 * Where the annotators of one document disagree, sorted into kinds an adjudicator settles one
 * at a time, and what they all agree on. `layers` holds the layers of everyone who worked on the
 * document (a layer with no spans counts); with fewer than two there is nothing to compare.
 *
 * - `label`: spans with the same start and end but different labels. At each range, the labels
 *   every annotator with a span there shares are set aside; if spans of two or more annotators
 *   remain, those spans are a label disagreement and take no further part below.
 * - Every other span joins its same-label cluster: spans of one label chained together by
 *   overlapping ranges (across annotators). A cluster is agreed when every annotator has a span
 *   in it and all its spans have one range. Otherwise it is:
 *   - `boundary` when two or more annotators are in it with different ranges (an annotator with
 *     nothing in the cluster shows up with no spans);
 *   - `missing` when only some annotators have it: one annotator alone, or several with the very
 *     same range.
 * Each disagreement lists, for every annotator, their spans in it (possibly none), and covers
 * the range from its first start to its last end.
 */
import type { Span } from '../types';
import { consensusSpans, type ConsensusSpan } from './consensus';
import { groupBy } from './groups';
import { compareRanges, compareStrings } from './order';

export type DisagreementKind = 'label' | 'boundary' | 'missing';

export interface Disagreement {
  /**
   * Made of the kind, label (for boundary and missing) and range, so the same disagreement keeps
   * its id when the list is computed again: `label:12-20`, `boundary:ACTOR:3-15`.
   */
  id: string;
  kind: DisagreementKind;
  start: number;
  end: number;
  /** Every annotator who worked on the document, with their spans involved (maybe none). */
  spans: Record<string, Span[]>;
}

interface Entry {
  annotator: string;
  span: Span;
}

/** The disagreements of one document, sorted by range, then kind. */
export function disagreements(layers: Readonly<Record<string, readonly Span[]>>): Disagreement[] {
  const annotators = Object.keys(layers);
  if (annotators.length < 2) return [];
  const entries = annotators.flatMap((annotator) => layers[annotator].map((span): Entry => ({ annotator, span })));
  const found: Disagreement[] = [];
  const settled = new Set<Entry>();

  for (const atRange of groupBy(entries, (e) => `${e.span.start}:${e.span.end}`).values()) {
    const contested = labelContest(atRange);
    if (!contested) continue;
    for (const e of contested) settled.add(e);
    const { start, end } = atRange[0].span;
    found.push({ id: `label:${start}-${end}`, kind: 'label', start, end, spans: byAnnotator(annotators, contested) });
  }

  const open = entries.filter((e) => !settled.has(e));
  for (const [label, ofLabel] of groupBy(open, (e) => e.span.label)) {
    for (const cluster of overlapClusters(ofLabel)) {
      const present = new Set(cluster.map((e) => e.annotator)).size;
      const ranges = new Set(cluster.map((e) => `${e.span.start}:${e.span.end}`)).size;
      if (ranges === 1 && present === annotators.length) continue;
      const kind = ranges > 1 && present > 1 ? 'boundary' : 'missing';
      const start = cluster[0].span.start;
      const end = cluster.reduce((last, e) => Math.max(last, e.span.end), start);
      found.push({ id: `${kind}:${label}:${start}-${end}`, kind, start, end, spans: byAnnotator(annotators, cluster) });
    }
  }
  return found.sort((x, y) => compareRanges(x, y) || compareStrings(x.kind, y.kind) || compareStrings(x.id, y.id));
}

/**
 * The spans everyone who worked on the document has identically (same start, end and label),
 * for accepting all of them at once. Needs at least two annotators: one alone agrees with nobody.
 */
export function agreed(layers: Readonly<Record<string, readonly Span[]>>): ConsensusSpan[] {
  return consensusSpans(layers, (support, annotators) => annotators >= 2 && support === annotators);
}

/** The spans at one range that make a label disagreement there, or null if they do not. */
function labelContest(atRange: readonly Entry[]): Entry[] | null {
  const perAnnotator = groupBy(atRange, (e) => e.annotator);
  if (perAnnotator.size < 2) return null;
  const labelSets = [...perAnnotator.values()].map((own) => new Set(own.map((e) => e.span.label)));
  const shared = (label: string) => labelSets.every((labels) => labels.has(label));
  const contested = atRange.filter((e) => !shared(e.span.label));
  return new Set(contested.map((e) => e.annotator)).size >= 2 ? contested : null;
}

/** Entries of one label in chains of overlapping ranges, each sorted by start (a sweep). */
function overlapClusters(entries: readonly Entry[]): Entry[][] {
  const sorted = [...entries].sort((x, y) => compareRanges(x.span, y.span));
  const clusters: Entry[][] = [];
  let reach = -Infinity;
  for (const e of sorted) {
    if (e.span.start < reach) clusters[clusters.length - 1].push(e);
    else clusters.push([e]);
    reach = Math.max(reach, e.span.end);
  }
  return clusters;
}

function byAnnotator(annotators: readonly string[], entries: readonly Entry[]): Record<string, Span[]> {
  const spans = Object.fromEntries(annotators.map((a): [string, Span[]] => [a, []]));
  for (const e of entries) spans[e.annotator].push(e.span);
  for (const list of Object.values(spans)) list.sort((x, y) => compareRanges(x, y) || compareStrings(x.label, y.label));
  return spans;
}
