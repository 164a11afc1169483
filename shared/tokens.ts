/**
 * The one tokeniser of Spanwise: what token formats (CoNLL, Hugging Face) and sentence splits
 * are built on. Offsets are Unicode code points into the text, like every offset on disk.
 *
 * Rules (docs/formats.md, "Tokeniser", says the same for users):
 * - Whitespace, control and format characters (ZWJ, bidi marks, BOM) separate tokens and are
 *   never part of one, except where a word or an emoji sequence joins through them.
 * - A word is a run of letters and digits of any script with their combining marks, joined by
 *   `-`, `‐`, `‑`, `/`, `_`, soft hyphen, ZWJ/ZWNJ, an apostrophe between letters, or `.`, `,`,
 *   `:` between digits: "al-Ghab", "pro-Assad", "M4/Aleppo-Latakia", "Hay'at", "5,834", "3.5",
 *   "17:48" stay whole.
 * - A possessive `'s` / `’s` after a word is a token of its own ("Syria" "’s"), as in the
 *   Penn Treebank and spaCy, so "Syria" can be tagged alone.
 * - Initialisms ("U.S.", "e.g.") and common abbreviations ("Sept.", "Dr.", "Gen.") keep their
 *   period, so they never end a sentence.
 * - An emoji — a whole grapheme cluster: ZWJ sequences, skin tones, flags, keycaps — is one token.
 * - Any other character (punctuation, symbols) is a token of its own with its combining marks.
 */
import { isSurrogatePairAt } from './text';

/** A token: code point offsets `[start, end)` into the text and the text it covers. */
export interface Token {
  start: number;
  end: number;
  text: string;
}

/** A sentence as a range of token indexes, `[start, end)`. */
export interface SentenceRange {
  start: number;
  end: number;
}

const ABBREVIATIONS = [
  'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Sgt', 'Cpl', 'Adm',
  'Brig', 'Sen', 'Rep', 'Gov', 'Pres', 'Rev', 'St', 'Mt', 'Ft', 'Jr', 'Sr', 'Inc', 'Ltd',
  'Corp', 'Co', 'vs', 'etc', 'approx', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug',
  'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
];

const WORD_UNIT = String.raw`(?:[\p{L}\p{N}]\p{M}*)`;
const NOT_WORD_AFTER = String.raw`(?![\p{L}\p{N}\p{M}])`;
const NOT_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}\p{M}])`;
const CONNECTOR = [
  String.raw`[\-\u2010\u2011/\p{Pc}\u00AD\u200C\u200D]`,
  // An apostrophe joins letters ("Hay'at") but not a trailing possessive ("Syria’s").
  String.raw`['\u2019](?![sS]${NOT_WORD_AFTER})`,
  String.raw`(?<=\p{N})[.,:](?=\p{N})`,
].join('|');
const WORD = String.raw`${WORD_UNIT}+(?:(?:${CONNECTOR})${WORD_UNIT}+)*`;
const POSSESSIVE = String.raw`(?<=[\p{L}\p{N}]\p{M}*)['\u2019][sS]${NOT_WORD_AFTER}`;
const ABBREVIATION = String.raw`${NOT_WORD_BEFORE}(?:${ABBREVIATIONS.join('|')})\.`;
const INITIALISM = String.raw`${NOT_WORD_BEFORE}(?:\p{L}\p{M}*\.){2,}${NOT_WORD_AFTER}`;
const EMOJI_PART = String.raw`\p{Extended_Pictographic}(?:\p{EMod}|\p{M}|[\u{E0020}-\u{E007F}])*`;
const EMOJI = [
  String.raw`\p{RI}\p{RI}`,
  String.raw`[#*0-9]\uFE0F?\u20E3`,
  String.raw`${EMOJI_PART}(?:\u200D${EMOJI_PART})*`,
].join('|');
const OTHER = String.raw`[^\s\p{Cc}\p{Cf}]\p{M}*`;

const TOKEN = new RegExp([ABBREVIATION, INITIALISM, EMOJI, POSSESSIVE, WORD, OTHER].join('|'), 'gu');

/**
 * Longest stretch without whitespace the token pattern is run over at once: the regular
 * expression engine backtracks on a stack, which a multi-megabyte "word" overflows.
 */
const MAX_RUN = 100_000;

/** Any surrogate, paired or not: matched unit by unit, without the `u` flag. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Split a text into tokens (see the rules above). Offsets are code points. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  let codePoint = 0;
  const scanTo = (to: number) => {
    codePoint = tokenizeSlice(text.slice(from, to), codePoint, tokens);
    from = to;
  };
  // A run of non-whitespace longer than MAX_RUN (never real words) is cut into pieces; a
  // shorter text cannot hold one, and looking costs as much as the rest for an article.
  let runStart = 0;
  for (let i = 0; text.length > MAX_RUN && i <= text.length; i++) {
    if (i < text.length && !isWhitespaceUnit(text.charCodeAt(i))) {
      if (i - runStart >= MAX_RUN && !isLowSurrogate(text.charCodeAt(i))) {
        scanTo(i);
        runStart = i;
      }
    } else runStart = i + 1;
  }
  scanTo(text.length);
  return tokens;
}

/** Tokenize a slice whose first character is at code point offset `base`; returns the offset after it. */
function tokenizeSlice(slice: string, base: number, into: Token[]): number {
  // Without surrogates every UTF-16 unit is a code point, and nothing needs counting.
  const units = !ANY_SURROGATE.test(slice);
  let utf16 = 0;
  let codePoint = base;
  for (const match of slice.matchAll(TOKEN)) {
    codePoint += units ? match.index - utf16 : countCodePoints(slice, utf16, match.index);
    const length = units ? match[0].length : countCodePoints(match[0], 0, match[0].length);
    into.push({ start: codePoint, end: codePoint + length, text: match[0] });
    codePoint += length;
    utf16 = match.index + match[0].length;
  }
  return codePoint + countCodePoints(slice, utf16, slice.length);
}

/** The UTF-16 units `\s` matches. */
function isWhitespaceUnit(unit: number): boolean {
  return (
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0x20 ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function countCodePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += isSurrogatePairAt(text, i) ? 2 : 1) count++;
  return count;
}

const SENTENCE_END = /^[.!?\u2026]+$/u;
/** The characters SENTENCE_END can start with, as UTF-16 units. */
const SENTENCE_END_FIRST: ReadonlySet<number> = new Set(['.', '!', '?', '\u2026'].map((end) => end.charCodeAt(0)));
const CLOSING = /^[\p{Pf}\p{Pe}"']$/u;
const OPENING = /^[\p{Pi}\p{Ps}"']$/u;
const STARTS_UPPER = /^[\p{Lu}\p{Lt}]/u;
const INITIAL = /^\p{Lu}\p{M}*$/u;

/**
 * Split tokens into sentences: at every line break, and after `.`, `!`, `?` or `…` (with any
 * closing quotes or brackets right after it) when whitespace and a capital letter — possibly
 * behind an opening quote — follow. Abbreviations keep their period inside the token
 * ("Sept.", "U.S."), and a period after a single capital letter (an initial) never splits.
 * Returns token index ranges `[start, end)` covering every token in order.
 */
export function sentences(text: string, tokens: Token[]): SentenceRange[] {
  const gaps = gapsBetween(text, tokens);
  const ranges: SentenceRange[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const last = i === tokens.length - 1;
    if (last || gaps[i].includes('\n') || endsSentence(tokens, gaps, i)) {
      ranges.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  return ranges;
}

// Called for every token of every export, so the cheap tests come before each regular expression.
function endsSentence(tokens: Token[], gaps: string[], i: number): boolean {
  if (i + 1 >= tokens.length || (gaps[i] !== ' ' && !/\s/u.test(gaps[i]))) return false;
  let end = i;
  while (end > 0 && gaps[end - 1] === '' && CLOSING.test(tokens[end].text)) end--;
  if (!SENTENCE_END_FIRST.has(tokens[end].text.charCodeAt(0)) || !SENTENCE_END.test(tokens[end].text)) return false;
  const before = tokens[end - 1];
  if (before && gaps[end - 1] === '' && INITIAL.test(before.text)) return false;
  let next = i + 1;
  while (next + 1 < tokens.length && OPENING.test(tokens[next].text) && gaps[next] === '') next++;
  return STARTS_UPPER.test(tokens[next].text);
}

/** The characters between token i and token i + 1, for every i (the last one is ""). */
function gapsBetween(text: string, tokens: Token[]): string[] {
  const gaps: string[] = [];
  let utf16 = 0;
  let codePoint = 0;
  const advanceTo = (target: number) => {
    while (codePoint < target) {
      utf16 += isSurrogatePairAt(text, utf16) ? 2 : 1;
      codePoint++;
    }
    return utf16;
  };
  for (let i = 0; i < tokens.length; i++) {
    const from = advanceTo(tokens[i].end);
    const to = i + 1 < tokens.length ? advanceTo(tokens[i + 1].start) : from;
    gaps.push(text.slice(from, to));
  }
  return gaps;
}
