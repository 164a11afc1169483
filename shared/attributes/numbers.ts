/**
 * Counts written in news English: digits ("5,834", "1.2 million") and number words
 * ("sixteen", "twenty-five", "a dozen", "two hundred"). The patterns here are what the
 * suggestion rules search for, and `parseCount` reads back what they found, so both agree.
 */

// Maps, not object literals: a word like "constructor" must not find Object.prototype.
const SMALL_NUMBERS = new Map<string, number>([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
  ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12],
  ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
  ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
const SCALES = new Map<string, number>([['thousand', 1e3], ['million', 1e6], ['billion', 1e9]]);

const SMALL_WORD = `(?:${longestFirst([...SMALL_NUMBERS.keys()]).join('|')})`;
const SCALE_WORD = `(?:hundred|${[...SCALES.keys()].join('|')})`;
const WORD_NUMBER = `${SMALL_WORD}(?:-${SMALL_WORD})?(?:\\s+(?:and\\s+)?(?:${SCALE_WORD}|${SMALL_WORD}(?:-${SMALL_WORD})?))*`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/**
 * A definite count, as regex source (use with the `i` and `u` flags): digits with an optional
 * scale word, number words, or "a dozen" / "a hundred" / "half a million".
 */
export const COUNT_PATTERN = [
  `(?:${DIGITS})(?:\\s+${SCALE_WORD})?`,
  `(?:a|an|half\\s+a)\\s+(?:dozen|${SCALE_WORD})`,
  `${WORD_NUMBER}(?:\\s+dozen)?`,
].join('|');

/** A vague count ("dozens", "tens of thousands"), as regex source for the `i` and `u` flags. */
export const VAGUE_COUNT_PATTERN = String.raw`(?:tens|hundreds|thousands|millions)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions`;

/** Read a count phrase ("5,834", "1.2 million", "twenty-five", "a dozen"); undefined if vague or not a count. */
export function parseCount(phrase: string): number | undefined {
  const words = phrase.trim().toLowerCase().split(/[\s-]+/u).filter((word) => word !== 'and');
  if (words.length === 0 || words[0] === '') return undefined;
  const digits = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u.test(words[0]) ? Number(words[0].replaceAll(',', '')) : undefined;
  if (digits !== undefined) {
    if (words.length === 1) return digits;
    const scale = words.length === 2 ? scaleOf(words[1]) : undefined;
    return scale === undefined ? undefined : Math.round(digits * scale);
  }
  return parseNumberWords(words);
}

/** Alternatives longest first, so "seventeen" is tried before "seven". */
export function longestFirst(words: string[]): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}

function scaleOf(word: string): number | undefined {
  return word === 'hundred' ? 100 : word === 'dozen' ? 12 : SCALES.get(word);
}

/** "two hundred fifty thousand" → 250000: small numbers add up, scales multiply what came before. */
function parseNumberWords(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seenAny = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === 'half' && words[i + 1] === 'a') {
      current += 0.5;
      i++;
      continue;
    }
    if ((word === 'a' || word === 'an') && i + 1 < words.length && scaleOf(words[i + 1]) !== undefined) {
      current += 1;
      continue;
    }
    const small = SMALL_NUMBERS.get(word);
    const scale = SCALES.get(word);
    if (small !== undefined) {
      current += small;
    } else if (word === 'hundred') {
      current = (current || 1) * 100;
    } else if (word === 'dozen') {
      current = (current || 1) * 12;
    } else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else {
      return undefined;
    }
    seenAny = true;
  }
  return seenAny ? Math.round(total + current) : undefined;
}
