/**
 * Fleiss' kappa: agreement of a fixed number of raters (n ≥ 2) who each put every subject (here:
 * token) into one category (label or `O`).
 *
 * With N subjects and n_ij the raters who put subject i into category j:
 *   P̄  = Σ_i Σ_j n_ij (n_ij − 1) / (N n (n − 1))     mean agreement over subjects
 *   P̄e = Σ_j (T_j / (N n))², T_j = Σ_i n_ij           agreement expected by chance
 *   κ  = (P̄ − P̄e) / (1 − P̄e)
 * Only subjects every rater rated take part. Null where undefined: no such subject, or every
 * rating in one category (P̄e = 1).
 */
import { increment } from './counts';
import type { RatedItems } from './ratings';

/** What Fleiss' kappa needs of the ratings. */
export interface FleissTally {
  raters: number;
  subjects: number;
  /** Σ_i Σ_j n_ij (n_ij − 1): ordered pairs of raters agreeing on a subject. */
  agreeingPairs: number;
  /** T_j: ratings given to each category. */
  categories: Map<string, number>;
}

/**
 * The tally of a ratings table whose rows all have the same raters; rows where some rater gave
 * no label are left out.
 */
export function fleissTally(items: Iterable<RatedItems>): FleissTally {
  let raters: number | null = null;
  const tally: FleissTally = { raters: 0, subjects: 0, agreeingPairs: 0, categories: new Map() };
  for (const { labels, count } of items) {
    raters ??= labels.length;
    if (labels.length !== raters) throw new Error(`Fleiss' kappa needs the same raters for every item: ${raters} then ${labels.length}`);
    if (!everyoneRated(labels)) continue;
    tally.subjects += count;
    for (let r = 0; r < labels.length; r++) {
      increment(tally.categories, labels[r], count);
      for (let s = r + 1; s < labels.length; s++) if (labels[r] === labels[s]) tally.agreeingPairs += 2 * count;
    }
  }
  tally.raters = raters ?? 0;
  return tally;
}

/** Fleiss' kappa of a tally; null where it is undefined. */
export function fleissKappa(tally: FleissTally): number | null {
  const { raters, subjects, agreeingPairs } = tally;
  if (subjects === 0 || raters < 2) return null;
  const ratings = subjects * raters;
  let squaredTotals = 0;
  for (const t of tally.categories.values()) squaredTotals += t * t;
  // Integers up to here, so P̄e = 1 (squaredTotals = ratings²) is detected exactly.
  if (squaredTotals === ratings * ratings) return null;
  const observed = agreeingPairs / (ratings * (raters - 1));
  const expected = squaredTotals / (ratings * ratings);
  return (observed - expected) / (1 - expected);
}

function everyoneRated(labels: readonly (string | null)[]): labels is readonly string[] {
  return !labels.includes(null);
}
