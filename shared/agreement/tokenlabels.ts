/**
 * Layers seen token by token, for the token-level coefficients (Cohen, Fleiss, Krippendorff):
 * each token gets, from each layer, the label of the span covering it, or `O`.
 */
import type { Token } from '../tokens';
import type { Span } from '../types';
import { compareStrings } from './order';
import { emptyFold, foldRow, type RatedItems } from './ratings';

/**
 * The label of a token no span covers. A project label named "O" would be counted together
 * with it; the default schema has none.
 */
export const OUTSIDE = 'O';

interface Cover {
  layer: number;
  label: string;
  length: number;
  /** Token indexes `[from, to)`. */
  from: number;
  to: number;
}

/**
 * The label every layer gives every token, as a ratings table (rater r = `layers[r]`; a null
 * layer, an annotator who did not work on the document, rates nothing), folded: one row per
 * distinct combination of labels, in order of first appearance, counts adding up to all tokens.
 *
 * A span covers a token when they share at least one code point (a discontinuous span covers
 * only its fragments). Where several spans of a layer cover a token, the shortest (fewest code
 * points from start to end) gives the label — the innermost of nested spans; between spans of
 * equal length, the label first in code unit order wins, so the order of spans never matters.
 */
export function tokenRatings(tokens: readonly Token[], layers: readonly (readonly Span[] | null)[]): RatedItems[] {
  if (tokens.length === 0) return [];
  const covers: Cover[] = [];
  // Labels change only where a cover starts or ends: those token indexes cut the tokens into
  // runs labelled alike, so the work grows with the spans rather than the tokens.
  const isCut = new Uint8Array(tokens.length + 1);
  isCut[0] = 1;
  isCut[tokens.length] = 1;
  const cover = (layer: number, s: Span, start: number, end: number) => {
    // Covered: the tokens that end after `start` and start before `end` (spans are short, so
    // the end is found by walking on from the start).
    const from = firstEndingAfter(tokens, start);
    let to = from;
    while (to < tokens.length && tokens[to].start < end) to++;
    if (from === to) return;
    covers.push({ layer, label: s.label, length: s.end - s.start, from, to });
    isCut[from] = 1;
    isCut[to] = 1;
  };
  layers.forEach((spans, layer) => {
    for (const s of spans ?? []) {
      if (s.fragments) for (const [start, end] of s.fragments) cover(layer, s, start, end);
      else cover(layer, s, s.start, s.end);
    }
  });
  // runOf[i]: the run that starts at token i, for every cut i; runStart[r]: where run r starts.
  const runOf = new Int32Array(tokens.length + 1);
  const runStart: number[] = [];
  for (let i = 0; i <= tokens.length; i++) {
    if (isCut[i]) {
      runOf[i] = runStart.length;
      runStart.push(i);
    }
  }
  const runs = runStart.length - 1;
  const width = layers.length;
  // Cell r * width + l: the label layer l gives run r, and the length of the span it came from.
  // A cell keeps the shortest cover's label; between equal lengths, the label first in order.
  const winner = new Array<string>(runs * width).fill(OUTSIDE);
  const winnerLength = new Float64Array(runs * width).fill(Infinity);
  for (const c of covers) {
    for (let run = runOf[c.from]; run < runOf[c.to]; run++) {
      const cell = run * width + c.layer;
      if (c.length < winnerLength[cell] || (c.length === winnerLength[cell] && compareStrings(c.label, winner[cell]) < 0)) {
        winner[cell] = c.label;
        winnerLength[cell] = c.length;
      }
    }
  }
  const runLabels = winner.map((label, cell) => (layers[cell % width] ? label : null));
  const fold = emptyFold();
  for (let run = 0; run < runs; run++) foldRow(fold, runLabels, runStart[run + 1] - runStart[run], run * width, (run + 1) * width);
  return [...fold.rows.values()];
}

/** Index of the first token with `end > offset` (tokens are in text order). */
function firstEndingAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle].end > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}
