/**
 * Span-level agreement between two layers: one is taken as the reference, the other as the
 * prediction, and each reference span is matched to at most one predicted span.
 *
 * - `exact`: same start, end and label.
 * - `overlap`: same label and the ranges share at least one code point. Matching is one-to-one
 *   and greedy: candidate pairs are taken by largest overlap first, then by smallest boundary
 *   distance (|Δstart| + |Δend|), then by the two ranges in text order. Every tie-break is
 *   symmetric in the two layers, so swapping them swaps fp and fn and leaves tp (and F1) alone;
 *   an exact pair always wins over any other pair of its spans, so overlap tp ≥ exact tp.
 *
 * Counts are kept per label; micro-averaged scores sum the counts over labels (and over
 * documents) before dividing. See docs/agreement.md.
 */
import type { Span } from '../types';
import { compareRanges, compareStrings } from './order';

export type MatchMode = 'exact' | 'overlap';

/** Matched pairs (tp), prediction spans left over (fp), reference spans left over (fn). */
export interface MatchCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Scores of a prediction against a reference. `precision` is null when the prediction has no
 * spans, `recall` when the reference has none, `f1` when neither has any (nothing to agree on).
 */
export interface PRF extends MatchCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** The scores overall (micro-averaged) and for each label either layer used. */
export interface SpanAgreement {
  overall: PRF;
  perLabel: Record<string, PRF>;
}

/** The one-to-one pairs `[reference span, predicted span]` that count as matches under `mode`. */
export function matchSpans(reference: readonly Span[], prediction: readonly Span[], mode: MatchMode): Array<[Span, Span]> {
  return mode === 'exact' ? exactPairs(reference, prediction) : overlapPairs(reference, prediction);
}

/** tp, fp and fn for each label used by either layer. */
export function countMatches(reference: readonly Span[], prediction: readonly Span[], mode: MatchMode): Map<string, MatchCounts> {
  const counts = new Map<string, MatchCounts>();
  const at = (label: string) => {
    let entry = counts.get(label);
    if (!entry) counts.set(label, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  for (const s of reference) at(s.label).fn++;
  for (const s of prediction) at(s.label).fp++;
  for (const [matched] of matchSpans(reference, prediction, mode)) {
    const entry = at(matched.label);
    entry.tp++;
    entry.fn--;
    entry.fp--;
  }
  return counts;
}

/** Adds per-label counts into a running total (kept by the caller), label by label. */
export function addCounts(total: Map<string, MatchCounts>, counts: ReadonlyMap<string, MatchCounts>): void {
  for (const [label, c] of counts) {
    const entry = total.get(label);
    if (entry) {
      entry.tp += c.tp;
      entry.fp += c.fp;
      entry.fn += c.fn;
    } else {
      total.set(label, { ...c });
    }
  }
}

/** The counts of all labels summed: what micro-averaging divides. */
export function sumCounts(counts: Iterable<MatchCounts>): MatchCounts {
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const c of counts) {
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
  }
  return sum;
}

/** Precision, recall and F1 of a set of counts (null where the denominator is zero). */
export function prf(counts: MatchCounts): PRF {
  const { tp, fp, fn } = counts;
  return {
    tp,
    fp,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    // 2tp / (2tp + fp + fn) is F1 without going through P and R, so it is defined whenever
    // either layer has a span, and it is symmetric in the two layers.
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/** Scores of per-label counts: overall (micro) and per label. */
function scoreCounts(counts: ReadonlyMap<string, MatchCounts>): SpanAgreement {
  return {
    overall: prf(sumCounts(counts.values())),
    perLabel: Object.fromEntries([...counts].map(([label, c]) => [label, prf(c)])),
  };
}

/** Span agreement of one document's prediction against its reference. */
export function spanAgreement(reference: readonly Span[], prediction: readonly Span[], mode: MatchMode): SpanAgreement {
  return scoreCounts(countMatches(reference, prediction, mode));
}

/** Span agreement over a corpus: counts are summed over documents, then scored. */
export function corpusSpanAgreement(
  documents: Iterable<{ reference: readonly Span[]; prediction: readonly Span[] }>,
  mode: MatchMode,
): SpanAgreement {
  const total = new Map<string, MatchCounts>();
  for (const { reference, prediction } of documents) addCounts(total, countMatches(reference, prediction, mode));
  return scoreCounts(total);
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Spans with identical range and label, paired off by a merge of both sorted lists. */
function exactPairs(references: readonly Span[], predictions: readonly Span[]): Array<[Span, Span]> {
  const byKey = (x: Span, y: Span) => compareRanges(x, y) || compareStrings(x.label, y.label);
  const refs = [...references].sort(byKey);
  const preds = [...predictions].sort(byKey);
  const pairs: Array<[Span, Span]> = [];
  for (let i = 0, j = 0; i < refs.length && j < preds.length; ) {
    const order = byKey(refs[i], preds[j]);
    if (order === 0) pairs.push([refs[i++], preds[j++]]);
    else if (order < 0) i++;
    else j++;
  }
  return pairs;
}

interface Candidate {
  reference: number;
  prediction: number;
  overlap: number;
  /** |Δstart| + |Δend|. */
  distance: number;
}

/** Greedy one-to-one matching of intersecting spans of the same label, largest overlap first. */
function overlapPairs(references: readonly Span[], predictions: readonly Span[]): Array<[Span, Span]> {
  // The two ranges of a candidate in text order, so the last tie-breaks do not depend on which
  // layer is the reference.
  const inTextOrder = (c: Candidate) => {
    const r = references[c.reference];
    const p = predictions[c.prediction];
    return compareRanges(r, p) <= 0 ? [r, p] : [p, r];
  };
  const candidates = intersectingPairs(references, predictions).sort((x, y) => {
    const byMeasure = y.overlap - x.overlap || x.distance - y.distance;
    if (byMeasure !== 0) return byMeasure;
    const [x1, x2] = inTextOrder(x);
    const [y1, y2] = inTextOrder(y);
    return compareRanges(x1, y1) || compareRanges(x2, y2) || x.reference - y.reference || x.prediction - y.prediction;
  });
  const usedReference = new Uint8Array(references.length);
  const usedPrediction = new Uint8Array(predictions.length);
  const pairs: Array<[Span, Span]> = [];
  for (const c of candidates) {
    if (usedReference[c.reference] || usedPrediction[c.prediction]) continue;
    usedReference[c.reference] = 1;
    usedPrediction[c.prediction] = 1;
    pairs.push([references[c.reference], predictions[c.prediction]]);
  }
  return pairs;
}

/**
 * Every (reference, prediction) pair of one label whose ranges intersect, by a sweep over both
 * sorted by start: a prediction stays active only while it can still reach a later reference,
 * so the work grows with the overlapping pairs (a few per span: only nested spans overlap).
 */
function intersectingPairs(references: readonly Span[], predictions: readonly Span[]): Candidate[] {
  const predOrder = sortedIndexes(predictions);
  const candidates: Candidate[] = [];
  const active: number[] = [];
  let next = 0;
  for (const ri of sortedIndexes(references)) {
    const r = references[ri];
    while (next < predOrder.length && predictions[predOrder[next]].start < r.end) active.push(predOrder[next++]);
    let kept = 0;
    for (const pi of active) {
      const p = predictions[pi];
      if (p.end <= r.start) continue;
      active[kept++] = pi;
      if (p.start >= r.end || p.label !== r.label) continue;
      candidates.push({
        reference: ri,
        prediction: pi,
        overlap: Math.min(r.end, p.end) - Math.max(r.start, p.start),
        distance: Math.abs(r.start - p.start) + Math.abs(r.end - p.end),
      });
    }
    active.length = kept;
  }
  return candidates;
}

function sortedIndexes(spans: readonly Span[]): number[] {
  return spans.map((_, i) => i).sort((x, y) => compareRanges(spans[x], spans[y]));
}
