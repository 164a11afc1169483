/**
 * Krippendorff's alpha for nominal data, with missing values: any number of coders, and a coder
 * who did not code a unit simply has no value there.
 *
 * Only units with at least two values are pairable. With m_u values in unit u, of which n_uc
 * are the value c, the coincidence matrix has o_cc = Σ_u n_uc (n_uc − 1) / (m_u − 1) on its
 * diagonal and n_c = Σ_u n_uc (pairable units only) as its marginals, n = Σ_c n_c. Then
 *   α = 1 − D_o / D_e = 1 − (n − 1) (n − Σ_c o_cc) / (n² − Σ_c n_c²)
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). Null where undefined: no
 * pairable unit, or a single value throughout (D_e = 0).
 */
import { increment } from './counts';
import type { RatedItems } from './ratings';

/** What alpha needs of reliability data. */
export interface AlphaTally {
  /** n: values in pairable units. */
  pairable: number;
  /** Σ_c o_cc: the diagonal of the coincidence matrix. */
  coinciding: number;
  /** n_c: each value's count in pairable units. */
  values: Map<string, number>;
}

/** The tally of reliability data: a ratings table where null marks a value the coder did not give. */
export function alphaTally(items: Iterable<RatedItems>): AlphaTally {
  const tally: AlphaTally = { pairable: 0, coinciding: 0, values: new Map() };
  const present: string[] = [];
  for (const { labels, count } of items) {
    present.length = 0;
    for (const value of labels) if (value !== null) present.push(value);
    const m = present.length;
    // A unit with fewer than two values cannot be paired and adds nothing.
    if (m < 2) continue;
    let agreeingPairs = 0;
    for (let i = 0; i < m; i++) {
      increment(tally.values, present[i], count);
      for (let j = i + 1; j < m; j++) if (present[i] === present[j]) agreeingPairs += 2;
    }
    tally.pairable += m * count;
    // Σ_c n_uc (n_uc − 1) counts the ordered pairs of equal values in the unit.
    tally.coinciding += (count * agreeingPairs) / (m - 1);
  }
  return tally;
}

/** Krippendorff's alpha (nominal) of a tally; null where it is undefined. */
export function krippendorffAlpha(tally: AlphaTally): number | null {
  const n = tally.pairable;
  let squaredValues = 0;
  for (const count of tally.values.values()) squaredValues += count * count;
  const expectedDisagreement = n * n - squaredValues;
  if (n === 0 || expectedDisagreement === 0) return null;
  return 1 - ((n - 1) * (n - tally.coinciding)) / expectedDisagreement;
}
