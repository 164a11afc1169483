/** Precision and recall of suggestions against gold spans, exact and by overlap. */
import { rangesOverlap } from '../../spans';
import type { SpanRange } from '../suggestion';

export interface Tally {
  suggested: number;
  gold: number;
  /** Suggestions with a gold span of the same label at exactly the same offsets, and gold spans found so. */
  exactSuggestions: number;
  exactGold: number;
  /** The same, where sharing one code point with a gold span of the same label is enough. */
  overlapSuggestions: number;
  overlapGold: number;
}

export function emptyTally(): Tally {
  return { suggested: 0, gold: 0, exactSuggestions: 0, exactGold: 0, overlapSuggestions: 0, overlapGold: 0 };
}

/** Add one document's comparison to a tally. */
export function tally(into: Tally, suggestions: readonly SpanRange[], gold: readonly SpanRange[]): Tally {
  const same = (a: SpanRange, b: SpanRange) => a.label === b.label && a.start === b.start && a.end === b.end;
  const near = (a: SpanRange, b: SpanRange) => a.label === b.label && rangesOverlap(a, b);
  into.suggested += suggestions.length;
  into.gold += gold.length;
  into.exactSuggestions += suggestions.filter((s) => gold.some((g) => same(s, g))).length;
  into.exactGold += gold.filter((g) => suggestions.some((s) => same(s, g))).length;
  into.overlapSuggestions += suggestions.filter((s) => gold.some((g) => near(s, g))).length;
  into.overlapGold += gold.filter((g) => suggestions.some((s) => near(s, g))).length;
  return into;
}

export function sumTallies(tallies: Tally[]): Tally {
  const sum = emptyTally();
  for (const t of tallies) {
    sum.suggested += t.suggested;
    sum.gold += t.gold;
    sum.exactSuggestions += t.exactSuggestions;
    sum.exactGold += t.exactGold;
    sum.overlapSuggestions += t.overlapSuggestions;
    sum.overlapGold += t.overlapGold;
  }
  return sum;
}

/** One table row: "P 0.81 R 0.62" exact, then overlap. */
export function formatTally(name: string, t: Tally): string {
  const ratio = (part: number, whole: number) => (whole === 0 ? '   – ' : (part / whole).toFixed(2).padStart(5));
  return [
    name.padEnd(30),
    `${String(t.suggested).padStart(4)} sugg ${String(t.gold).padStart(4)} gold`,
    `exact P ${ratio(t.exactSuggestions, t.suggested)} R ${ratio(t.exactGold, t.gold)}`,
    `overlap P ${ratio(t.overlapSuggestions, t.suggested)} R ${ratio(t.overlapGold, t.gold)}`,
  ].join('  ');
}

export function exactF1(t: Tally): number {
  const precision = t.suggested === 0 ? 0 : t.exactSuggestions / t.suggested;
  const recall = t.gold === 0 ? 0 : t.exactGold / t.gold;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
