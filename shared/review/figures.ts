/** How agreement figures are written for people, in the app and on the command line. */

/** A score with two decimals, or "n/a" where it is undefined (nothing to compare). */
export function formatScore(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}
