/**
 * What the agreement report needs of one document, as counts that add up over documents: each
 * annotator's labels, the token ratings folded to a few rows, and per pair of annotators the
 * span matches per label. Worked out once per document, they can be kept (in memory, or in a
 * derived file) so a report over a corpus only sums them — `reportOf` gives exactly the report
 * `agreementReport` gives from the documents themselves.
 */
import { tokenize, type Token } from '../tokens';
import type { Span } from '../types';
import { countMatches, prf, sumCounts, type MatchCounts } from './spanmatch';
import { tokenRatings } from './tokenlabels';

/**
 * The version of what `documentCounts` holds and how it is worked out (tokeniser, span matching,
 * token labels): counts kept from an older version must not be summed with new ones.
 */
export const COUNTS_VERSION = 1;

/** tp, fp and fn of one label. */
export type LabelCounts = [label: string, tp: number, fp: number, fn: number];

/** The span matches of one pair of annotators on a document, the first being the reference. */
export interface PairCounts {
  exact: LabelCounts[];
  overlap: LabelCounts[];
}

export interface DocumentCounts {
  /** The annotators asked about who worked on the document, in the order asked. */
  annotators: string[];
  /** Labels each of them used, by annotator (same order). */
  labels: string[][];
  /**
   * The token ratings, folded: a count of tokens, then the label each annotator gave them.
   * Empty with fewer than two annotators, whose tokens the report does not rate.
   */
  tokens: Array<[number, ...string[]]>;
  /** Each pair `i < j` of `annotators`, in the order of `pairIndex`; `annotators[i]` is the reference. */
  pairs: PairCounts[];
}

/** What `documentCounts` reads of a document. */
export interface CountedDocument {
  text: string;
  /** Layers by annotator id; a layer that is present (even with no spans) means that annotator worked on it. */
  layers: Readonly<Record<string, readonly Span[]>>;
  /** `tokenize(text)`, when the caller keeps it; computed here otherwise (only when needed). */
  tokens?: readonly Token[];
}

/** The counts of one document for the annotators `people` (others' layers are ignored). */
export function documentCounts(doc: CountedDocument, people: readonly string[]): DocumentCounts {
  const annotators = [...new Set(people)].filter((p) => Object.hasOwn(doc.layers, p));
  const layers = annotators.map((p) => doc.layers[p]);
  const labels = layers.map((layer) => [...new Set(layer.map((s) => s.label))]);
  if (annotators.length < 2) return { annotators, labels, tokens: [], pairs: [] };
  const tokens = tokenRatings(doc.tokens ?? tokenize(doc.text), layers).map((row) => [row.count, ...(row.labels as string[])] as [number, ...string[]]);
  const pairs: PairCounts[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      pairs.push({ exact: labelCounts(countMatches(layers[i], layers[j], 'exact')), overlap: labelCounts(countMatches(layers[i], layers[j], 'overlap')) });
    }
  }
  return { annotators, labels, tokens, pairs };
}

/**
 * Adds the matches of annotator `a` (reference) against `b` on a document, by their indexes in
 * `counts.annotators`, into running totals per label; returns the pair's exact-match F1 on it.
 * Counts are kept for one order of each pair; the other order swaps fp and fn (see spanmatch.ts).
 */
export function addPairCounts(
  totals: { exact: Map<string, MatchCounts>; overlap: Map<string, MatchCounts> },
  counts: DocumentCounts,
  a: number,
  b: number,
): number | null {
  const pair = counts.pairs[pairIndex(Math.min(a, b), Math.max(a, b), counts.annotators.length)];
  if (!pair) throw new Error(`The counts of ${counts.annotators.length} annotators have no pair ${a}, ${b}`);
  const swapped = a > b;
  const add = (total: Map<string, MatchCounts>, list: readonly LabelCounts[]) => {
    for (const [label, tp, fp, fn] of list) {
      const entry = total.get(label) ?? { tp: 0, fp: 0, fn: 0 };
      entry.tp += tp;
      entry.fp += swapped ? fn : fp;
      entry.fn += swapped ? fp : fn;
      total.set(label, entry);
    }
  };
  add(totals.exact, pair.exact);
  add(totals.overlap, pair.overlap);
  return pairF1(pair);
}

/**
 * The document's exact-match F1 of one pair (micro-averaged over labels); null when neither
 * tagged anything. The same in either order.
 */
function pairF1(pair: PairCounts): number | null {
  return prf(sumCounts(pair.exact.map(([, tp, fp, fn]) => ({ tp, fp, fn })))).f1;
}

/** Mean exact-match F1 over the pairs of the document's annotators (in their order); null when no pair has one. */
export function meanF1(counts: DocumentCounts): number | null {
  return meanOf(counts.pairs.map(pairF1));
}

/** The mean of the F1 scores that are defined, in the order given; null when none is. */
export function meanOf(f1s: ReadonlyArray<number | null>): number | null {
  const defined = f1s.filter((f1): f1 is number => f1 !== null);
  return defined.length > 0 ? defined.reduce((x, y) => x + y, 0) / defined.length : null;
}

/** Where the pair `i < j` of `n` annotators is in `DocumentCounts.pairs`: 01, 02, …, 0(n−1), 12, … */
function pairIndex(i: number, j: number, n: number): number {
  return (i * (2 * n - i - 1)) / 2 + (j - i - 1);
}

function labelCounts(counts: ReadonlyMap<string, MatchCounts>): LabelCounts[] {
  return [...counts].map(([label, { tp, fp, fn }]) => [label, tp, fp, fn]);
}
