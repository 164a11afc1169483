/**
 * Train / validation / test splits by document, so no article lends sentences to two splits.
 *
 * Deterministic: the same documents, ratios and seed always give the same splits (a seeded
 * mulberry32 generator shuffles; nothing else is random). Ratios are normalised to sum to 1, and
 * each split gets exactly its share of the documents, rounded by largest remainder.
 *
 * Stratified: documents are placed one at a time, those holding the rarest labels first (then
 * those with more spans), each into the split — among those with room left — that is furthest
 * below its share of the labels the document holds: the score of a split is, over the
 * document's labels, count × (target − count so far) / target, where a split's target for a
 * label is its ratio times the label's total — the share of its target still missing, so a
 * small split is not starved by a large one. Ties go to the split with the most room left
 * (as a share of its quota), then the earlier split. Documents without spans fill the
 * room that is left. So every split ends near its share of every label, rare ones included.
 */

export interface SplitInput {
  id: string;
  /** Span counts by label. */
  labels: Record<string, number>;
}

export interface SplitManifest {
  seed: number;
  /** The ratios as used: normalised to sum to 1. */
  ratios: number[];
  /** Document ids of each split. */
  documents: string[][];
  /** Span counts by label of each split. */
  spanCounts: Array<Record<string, number>>;
}

export interface SplitResult {
  splits: string[][];
  manifest: SplitManifest;
}

/**
 * Split documents by the ratios (e.g. [0.8, 0.1, 0.1]). Every document lands in exactly one
 * split; within a split documents keep their input order. Throws a RangeError for ratios that
 * are empty, negative, not finite or all zero, and for repeated document ids.
 */
export function splitDocuments(docs: readonly SplitInput[], ratios: readonly number[], seed: number, stratify: boolean): SplitResult {
  const normalised = normaliseRatios(ratios);
  const ids = new Set<string>();
  for (const doc of docs) {
    if (ids.has(doc.id)) throw new RangeError(`document "${doc.id}" is listed twice`);
    ids.add(doc.id);
  }
  const quotas = quotasOf(normalised, docs.length);
  const order = shuffled(
    docs.map((_, index) => index),
    mulberry32(seed),
  );
  const assignment = stratify ? assignStratified(docs, order, normalised, quotas) : assignInOrder(order, quotas);
  const splits = normalised.map((): string[] => []);
  const spanCounts = normalised.map((): Record<string, number> => ({}));
  docs.forEach((doc, index) => {
    const split = assignment[index];
    splits[split].push(doc.id);
    for (const [label, count] of Object.entries(doc.labels)) spanCounts[split][label] = (spanCounts[split][label] ?? 0) + count;
  });
  return { splits, manifest: { seed, ratios: normalised, documents: splits, spanCounts } };
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normaliseRatios(ratios: readonly number[]): number[] {
  if (ratios.length === 0) throw new RangeError('give at least one split ratio');
  if (ratios.some((ratio) => !Number.isFinite(ratio) || ratio < 0)) {
    throw new RangeError(`split ratios must be finite and not negative, got ${ratios.join(', ')}`);
  }
  const total = ratios.reduce((sum, ratio) => sum + ratio, 0);
  if (total === 0) throw new RangeError('split ratios must not all be zero');
  return ratios.map((ratio) => ratio / total);
}

/** Documents per split: floor of each share, the rest to the largest remainders (earlier split on ties). */
function quotasOf(ratios: readonly number[], count: number): number[] {
  const exact = ratios.map((ratio) => ratio * count);
  const quotas = exact.map(Math.floor);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let left = count - quotas.reduce((sum, quota) => sum + quota, 0);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    quotas[index]++;
    left--;
  }
  return quotas;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Split of each document, filling splits in turn along the shuffled order. */
function assignInOrder(order: number[], quotas: number[]): number[] {
  const assignment: number[] = [];
  let split = 0;
  let filled = 0;
  for (const index of order) {
    while (filled >= quotas[split]) {
      split++;
      filled = 0;
    }
    assignment[index] = split;
    filled++;
  }
  return assignment;
}

function assignStratified(docs: readonly SplitInput[], order: number[], ratios: number[], quotas: number[]): number[] {
  const totals: Record<string, number> = {};
  for (const doc of docs) {
    for (const [label, count] of Object.entries(doc.labels)) totals[label] = (totals[label] ?? 0) + count;
  }
  const rarest = (doc: SplitInput) =>
    Math.min(...Object.entries(doc.labels).filter(([, count]) => count > 0).map(([label]) => totals[label]));
  const spanCount = (doc: SplitInput) => Object.values(doc.labels).reduce((sum, count) => sum + count, 0);
  // Array.prototype.sort is stable, so equal documents keep their shuffled order.
  const placing = [...order].sort((a, b) => rarest(docs[a]) - rarest(docs[b]) || spanCount(docs[b]) - spanCount(docs[a]));
  const have = ratios.map((): Record<string, number> => ({}));
  const placed = ratios.map(() => 0);
  const assignment: number[] = [];
  for (const index of placing) {
    const doc = docs[index];
    let best = -1;
    let bestScore = -Infinity;
    let bestRoom = -Infinity;
    ratios.forEach((ratio, split) => {
      if (placed[split] >= quotas[split]) return;
      let score = 0;
      for (const [label, count] of Object.entries(doc.labels)) {
        const target = ratio * totals[label];
        if (count > 0) score += (count * (target - (have[split][label] ?? 0))) / target;
      }
      const room = (quotas[split] - placed[split]) / quotas[split];
      if (score > bestScore || (score === bestScore && room > bestRoom)) {
        best = split;
        bestScore = score;
        bestRoom = room;
      }
    });
    assignment[index] = best;
    placed[best]++;
    for (const [label, count] of Object.entries(doc.labels)) have[best][label] = (have[best][label] ?? 0) + count;
  }
  return assignment;
}
