/**
 * Choosing phrases to tag from whatever article the app shows, so the specs do not depend on
 * the sample corpus's exact wording. Every phrase returned is a run of whole words whose first
 * plain-text occurrence is the intended one (no earlier match inside another word).
 */

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

/** Where `phrase` first appears as whole words, or -1. */
export function wholeWordIndex(text: string, phrase: string): number {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${NOT_WORD_BEFORE}${escaped}${NOT_WORD_AFTER}`, 'u').exec(text)?.index ?? -1;
}

/** Whether the first raw occurrence of `phrase` is at `index` (so indexOf-based selection finds it). */
function firstAt(text: string, phrase: string, index: number): boolean {
  return text.indexOf(phrase) === index && wholeWordIndex(text, phrase) === index;
}

/** Runs of `count` words separated by single spaces, within a line, in text order. */
function wordRuns(text: string, count: number, minLetters: number): Array<{ index: number; words: string[] }> {
  const word = `(\\p{L}{${minLetters},})`;
  const pattern = new RegExp(`${NOT_WORD_BEFORE}${Array(count).fill(word).join(' ')}${NOT_WORD_AFTER}`, 'gu');
  const runs: Array<{ index: number; words: string[] }> = [];
  // Step one character at a time so overlapping runs are all seen.
  for (let from = 0; from < text.length; ) {
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) break;
    runs.push({ index: match.index, words: match.slice(1) });
    from = match.index + 1;
  }
  return runs;
}

/** A capitalised name of two or more words ("Zawiya Mountain"), else any word of 5+ letters. */
export function pickName(text: string, from = 0): string {
  const name = new RegExp(`${NOT_WORD_BEFORE}\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)+${NOT_WORD_AFTER}`, 'gu');
  name.lastIndex = from;
  for (let match = name.exec(text); match; match = name.exec(text)) {
    if (firstAt(text, match[0], match.index)) return match[0];
  }
  const word = wordRuns(text.slice(from), 1, 5).find((run) => firstAt(text, run.words[0]!, from + run.index));
  if (!word) throw new Error('The article has no word of five letters or more to tag');
  return word.words[0]!;
}

/**
 * Three consecutive words A B C where "A B C", "A B", "B C" and "C" first occur right there:
 * enough to nest one span in another and to try an overlapping one.
 */
export function pickThreeWords(text: string): [string, string, string] {
  for (const { index, words } of wordRuns(text, 3, 4)) {
    const [a, b, c] = words as [string, string, string];
    const cStart = index + a.length + b.length + 2;
    if (
      firstAt(text, `${a} ${b} ${c}`, index) &&
      firstAt(text, `${a} ${b}`, index) &&
      firstAt(text, `${b} ${c}`, index + a.length + 1) &&
      firstAt(text, a, index) &&
      firstAt(text, c, cStart)
    ) {
      return [a, b, c];
    }
  }
  throw new Error('The article has no run of three words that each appear there first');
}

/** The code point range of the first whole-word occurrence of `phrase` in `text`. */
export function codePointRange(text: string, phrase: string): { start: number; end: number } {
  const index = wholeWordIndex(text, phrase);
  if (index === -1) throw new Error(`${JSON.stringify(phrase)} is not in the text`);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...phrase].length };
}
