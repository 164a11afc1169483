/**
 * Cohen's kappa between two annotators over the same items (here: tokens and their labels).
 *
 * κ = (p_o − p_e) / (1 − p_e), with p_o the share of items both gave the same category and
 * p_e = Σ_c (first_c / n)(second_c / n) the agreement expected from each annotator's own
 * category shares. The arithmetic stays in integers until the last division, which keeps
 * `p_e = 1` exact. Same value as scikit-learn's `cohen_kappa_score`; where that returns NaN (no
 * items, or both annotators used one and the same category throughout) this returns null.
 */
import { increment, total } from './counts';
import type { RatedItems } from './ratings';

/** What kappa needs of two raters' labels: item count and per-category counts. */
export interface KappaTally {
  items: number;
  /** Items both annotators gave the category. */
  agreed: Map<string, number>;
  /** Items the first annotator gave the category. */
  first: Map<string, number>;
  /** Items the second annotator gave the category. */
  second: Map<string, number>;
}

/**
 * The tally of rater `first` against rater `second` of a ratings table (by default its first
 * two), over the items both rated.
 */
export function kappaTally(items: Iterable<RatedItems>, first = 0, second = 1): KappaTally {
  const tally: KappaTally = { items: 0, agreed: new Map(), first: new Map(), second: new Map() };
  for (const { labels, count } of items) {
    const x = labels[first];
    const y = labels[second];
    if (x === null || y === null) continue;
    tally.items += count;
    increment(tally.first, x, count);
    increment(tally.second, y, count);
    if (x === y) increment(tally.agreed, x, count);
  }
  return tally;
}

/** Cohen's kappa over all categories; null where it is undefined (see the module comment). */
export function cohenKappa(tally: KappaTally): number | null {
  let chance = 0;
  for (const [category, count] of tally.first) chance += count * (tally.second.get(category) ?? 0);
  return kappaOf(tally.items, total(tally.agreed), chance);
}

/**
 * Kappa for one category against all others: each item is "has `category`" or "has not".
 * Null when both annotators gave the category to no item, or both to every item.
 */
export function categoryKappa(tally: KappaTally, category: string): number | null {
  const n = tally.items;
  const both = tally.agreed.get(category) ?? 0;
  const first = tally.first.get(category) ?? 0;
  const second = tally.second.get(category) ?? 0;
  const neither = n - first - second + both;
  return kappaOf(n, both + neither, first * second + (n - first) * (n - second));
}

/** κ = (n·agreed − chance) / (n² − chance), where chance = Σ_c first_c · second_c. */
function kappaOf(items: number, agreed: number, chance: number): number | null {
  const denominator = items * items - chance;
  return denominator === 0 ? null : (items * agreed - chance) / denominator;
}
