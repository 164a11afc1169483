/** Counts by key: the tallies the agreement coefficients are computed from. */

/** Adds `by` to the count of `key`. */
export function increment(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The sum of all counts. */
export function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}
