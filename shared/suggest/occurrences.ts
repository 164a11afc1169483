/** "Tag all occurrences": the other places in a document where a tagged text appears again. */
import { analyseText, isWholeWord } from './analysis';
import { overlapTest } from '../suggestions';
import type { SpanRange, Suggestion } from './suggestion';

export const OCCURRENCE_SOURCE = 'occurrences';
/** The annotator asked for these by name, so they rank above anything guessed. */
const OCCURRENCE_SCORE = 0.95;

export interface OccurrenceQuery {
  /** The text to find again, e.g. the covered text of the span just tagged. */
  needle: string;
  label: string;
  /** Match regardless of case ("Idlib" finds "IDLIB"); off by default. */
  ignoreCase?: boolean;
}

/**
 * Every whole-word occurrence of `query.needle` in `text` as a suggestion of `query.label`,
 * except where a span of that label already overlaps it (which skips the span the
 * annotator started from). Offsets are code points.
 */
export function findOccurrences(text: string, query: OccurrenceQuery, existing: readonly SpanRange[]): Suggestion[] {
  const needle = query.needle.trim();
  if (needle === '') return [];
  const analysis = analyseText(text);
  const taken = overlapTest(existing);
  const pattern = new RegExp(escapeRegExp(needle), query.ignoreCase ? 'giu' : 'gu');
  const found: Suggestion[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = analysis.offsets.toCodePoint(match.index);
    const end = analysis.offsets.toCodePoint(match.index + match[0].length);
    if (isWholeWord(analysis, start, end) && !taken({ start, end, label: query.label })) {
      found.push({ start, end, label: query.label, source: OCCURRENCE_SOURCE, score: OCCURRENCE_SCORE, text: match[0] });
    } else {
      // Not a whole word here: the next occurrence may start inside this one ("ab ab" in "xab ab ab").
      pattern.lastIndex = match.index + ((text.codePointAt(match.index) ?? 0) > 0xffff ? 2 : 1);
    }
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
