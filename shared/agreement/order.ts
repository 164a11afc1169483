/** Orderings shared by the agreement modules; none depends on the locale. */

/** Code unit order, the same on every machine (unlike `localeCompare`). */
export function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Text order of ranges: by start, then end. */
export function compareRanges(x: { start: number; end: number }, y: { start: number; end: number }): number {
  return x.start - y.start || x.end - y.end;
}
