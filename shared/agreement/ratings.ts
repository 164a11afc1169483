/**
 * Ratings tables: which label each rater (annotator) gave each item (token). Items labelled
 * alike by everyone are folded into one row with a count — most tokens are `O` for all — so the
 * coefficients cost per distinct row, not per token. A null label means the rater did not rate
 * that item (an annotator who did not work on the document).
 */

/** `count` items that rater r labelled `labels[r]`, or did not rate where `labels[r]` is null. */
export interface RatedItems {
  labels: ReadonlyArray<string | null>;
  count: number;
}

/** A ratings table being folded: its rows by their labels, spelt one character per label. */
export interface RatingsFold {
  /** Each label's character code (from 1; null is 0). */
  codes: Map<string, number>;
  rows: Map<string, RatedItems>;
}

/** A fold with no rows yet. */
export function emptyFold(): RatingsFold {
  return { codes: new Map(), rows: new Map() };
}

/** The table of label sequences given rater by rater: one row per position, count 1 each. */
export function ratingsOf(sequences: ReadonlyArray<ReadonlyArray<string | null>>): RatedItems[] {
  const items = sequences[0]?.length ?? 0;
  sequences.forEach((sequence, r) => {
    if (sequence.length !== items) throw new Error(`Every rater must label all ${items} items; rater ${r} labelled ${sequence.length}`);
  });
  return Array.from({ length: items }, (_, i) => ({ labels: sequences.map((sequence) => sequence[i]), count: 1 }));
}

/** The same table with rows of equal labels merged (counts added), in order of first appearance. */
export function foldRatings(items: Iterable<RatedItems>): RatedItems[] {
  const fold = emptyFold();
  for (const { labels, count } of items) foldRow(fold, labels, count);
  return [...fold.rows.values()];
}

/**
 * Adds `count` items labelled `labels.slice(from, to)` to a fold. The range lets a caller keep
 * many rows in one flat array and copy only the rows that are new.
 */
export function foldRow(fold: RatingsFold, labels: ReadonlyArray<string | null>, count: number, from = 0, to = labels.length): void {
  // One character per label keeps the key short, which makes it cheap to build and to hash.
  let key = '';
  for (let i = from; i < to; i++) key += String.fromCharCode(codeOf(fold, labels[i]));
  const row = fold.rows.get(key);
  if (row) row.count += count;
  else fold.rows.set(key, { labels: labels.slice(from, to), count });
}

function codeOf(fold: RatingsFold, label: string | null): number {
  if (label === null) return 0;
  let code = fold.codes.get(label);
  if (code === undefined) {
    code = fold.codes.size + 1;
    if (code > 0xffff) throw new Error('A ratings table can hold at most 65,535 different labels');
    fold.codes.set(label, code);
  }
  return code;
}
