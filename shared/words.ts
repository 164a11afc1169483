/**
 * Word and character boundaries for selecting text, in code point offsets.
 *
 * A word boundary is a position that is both a grapheme cluster boundary (never between a base
 * letter and its combining marks, inside an emoji ZWJ sequence or a flag) and not inside a
 * token of the tokeniser (./tokens), so a span snapped here always lines up with the tokens
 * that token formats export: "pro-Assad", "al-Ghab", "5,834", "M4/Aleppo-Latakia", "Hay'at" and
 * "U.S." stay whole; a possessive "’s" is a token of its own.
 *
 * Every function works on a small window around the offsets it is given, cut at positions
 * where the grapheme and token rules provably restart (see `isWindowEdge`), so the cost of a
 * keypress does not grow with the length of the article.
 */
import { createOffsetMap, offsetMapFor, type OffsetMap } from './offsets';
import { tokenize } from './tokens';

/** A stretch of text between two neighbouring word boundaries. */
interface Unit {
  start: number;
  end: number;
  text: string;
  isWord: boolean;
}

/** A stretch of the text between two window edges, with its grapheme cluster boundaries. */
interface TextWindow {
  /** Code point offsets of the window in the whole text. */
  start: number;
  end: number;
  /** The window's own text, and its offset map. */
  slice: string;
  local: OffsetMap;
  /** Ascending code point offsets into the whole text, from start to end inclusive. */
  graphemeBounds: number[];
}

// Made when first needed: making one loads the platform's break rules, ≈ 20 ms, which a window
// opening should not wait for (see `prepareWordBoundaries`).
let graphemeSegmenter: Intl.Segmenter | null = null;

/**
 * Load what finding character and word boundaries needs, so that the first keypress that does
 * (a move, a selection, a tag) does not wait ≈ 20 ms for it: for a moment of idle time.
 */
export function prepareWordBoundaries(): void {
  graphemes();
}

function graphemes(): Intl.Segmenter {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return graphemeSegmenter;
}
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/**
 * A character that always starts a new grapheme cluster after an ASCII space: a grapheme base
 * that is no spacing mark (Thai and Lao SARA AM count as one) and no emoji modifier. Checked
 * against Intl.Segmenter over every code point in words.test.ts.
 */
const CLEAN_CLUSTER_START = /^[\p{Grapheme_Base}]/u;
const CLUSTER_CONTINUATION = /^[\p{Mc}\p{Emoji_Modifier}\u0E33\u0EB3]/u;
const FIRST_PADDING = 64;

/** Opening quotes and brackets, with the character that closes each. */
const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
  ['‹', '›'],
  ['„', '“'],
  ['‚', '‘'],
  ['"', '"'],
  ["'", "'"],
]);
const CLOSERS = new Set(CLOSER_OF.values());

/**
 * Widen a selection `[start, end)` outward to word boundaries, then trim what may not begin or
 * end a span: whitespace, punctuation, symbols and emoji, surrounding quotes or brackets, and a
 * quote or bracket whose partner is outside the selection (a bracket pair inside is kept:
 * "Hay'at Tahrir al-Sham (HTS)"). Offsets are clamped to the text and may come in either order;
 * an empty selection inside a word selects that word. Returns null when no word is left.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | null {
  const length = offsetMapFor(text).codePointLength;
  const from = clamp(Math.min(start, end), length);
  const to = clamp(Math.max(start, end), length);
  const units = unitsOf(windowAround(text, from, to, 0));
  const first = units.findIndex((unit) => unit.end > from);
  const last = units.findLastIndex((unit) => unit.start < to);
  if (first < 0 || last < 0 || (from === to && units[first].start === from)) return null;
  const kept = units.slice(first, last + 1);
  trimEdges(kept);
  if (!kept.some((unit) => unit.isWord)) return null;
  return { start: kept[0].start, end: kept[kept.length - 1].end };
}

/**
 * Drop units from both ends until the first and the last are words, or a quote or bracket
 * whose partner is inside; a surrounding pair goes together.
 */
function trimEdges(units: Unit[]): void {
  while (units.length > 0) {
    const head = units[0];
    const tail = units[units.length - 1];
    const closer = CLOSER_OF.get(head.text);
    if (!head.isWord && closer === undefined) units.shift();
    else if (!tail.isWord && !CLOSERS.has(tail.text)) units.pop();
    else if (units.length > 1 && closer === tail.text) {
      units.shift();
      units.pop();
    } else if (closer !== undefined && !units.slice(1).some((unit) => unit.text === closer)) units.shift();
    else if (CLOSERS.has(tail.text) && !units.slice(0, -1).some((unit) => CLOSER_OF.get(unit.text) === tail.text)) units.pop();
    else return;
  }
}

/** Whether a span may start or end at this offset: a grapheme boundary outside every token. */
export function isWordBoundary(text: string, offset: number): boolean {
  const window = windowAround(text, offset, offset, 0);
  return offset === window.start || unitsOf(window).some((unit) => unit.end === offset);
}

/** Whether the offset falls between two grapheme clusters (or at either end of the text). */
export function isGraphemeBoundary(text: string, offset: number): boolean {
  return windowAround(text, offset, offset, 0).graphemeBounds.includes(offset);
}

/**
 * Where Ctrl+arrow moves the caret: going right (1) to the end of the word the offset is in or
 * else of the next word, going left (-1) to the start of the word the offset is in or else of
 * the previous word; the end or start of the text when there is no word that way. A word is a
 * run between word boundaries that holds a letter or digit.
 */
export function nextWordBoundary(text: string, offset: number, direction: 1 | -1): number {
  const length = offsetMapFor(text).codePointLength;
  const from = clamp(offset, length);
  for (let padding = FIRST_PADDING; ; padding *= 2) {
    const window = windowAround(text, from, from, padding);
    const units = unitsOf(window);
    if (direction === 1) {
      const word = units.find((unit) => unit.isWord && unit.end > from);
      if (word) return word.end;
      if (window.end === length) return length;
    } else {
      const word = units.findLast((unit) => unit.isWord && unit.start < from);
      if (word) return word.start;
      if (window.start === 0) return 0;
    }
  }
}

/**
 * Where a plain arrow moves the caret: the next grapheme cluster boundary after (1) or before
 * (-1) the offset, so the caret never lands inside "é" spelled with a combining mark, an emoji
 * sequence or a flag. Stays put at either end of the text.
 */
export function nextGraphemeBoundary(text: string, offset: number, direction: 1 | -1): number {
  const length = offsetMapFor(text).codePointLength;
  const from = clamp(offset, length);
  const bounds = windowAround(text, from, from, 1).graphemeBounds;
  if (direction === 1) return bounds.find((bound) => bound > from) ?? length;
  return bounds.findLast((bound) => bound < from) ?? 0;
}

/**
 * The window holding at least `[from - padding, to + padding]` (clamped to the text). Its
 * edges are window edges, where segmenting the window alone gives exactly the boundaries that
 * segmenting the whole text would.
 */
function windowAround(text: string, from: number, to: number, padding: number): TextWindow {
  const map = offsetMapFor(text);
  const startUtf16 = windowEdgeAtOrBefore(text, map.toUtf16(clamp(from - padding, map.codePointLength)));
  const endUtf16 = windowEdgeAtOrAfter(text, map.toUtf16(clamp(to + padding, map.codePointLength)));
  const slice = text.slice(startUtf16, endUtf16);
  const local = createOffsetMap(slice);
  const start = map.toCodePoint(startUtf16);
  const graphemeBounds: number[] = [];
  for (const { index } of graphemes().segment(slice)) graphemeBounds.push(start + local.toCodePoint(index));
  graphemeBounds.push(start + local.codePointLength);
  return { start, end: start + local.codePointLength, slice, local, graphemeBounds };
}

/** The window cut at its word boundaries: the grapheme boundaries that fall outside every token. */
function unitsOf({ start, slice, local, graphemeBounds }: TextWindow): Unit[] {
  const insideToken = new Uint8Array(local.codePointLength + 1);
  for (const token of tokenize(slice)) insideToken.fill(1, token.start + 1, token.end);
  const units: Unit[] = [];
  let unitStart = start;
  for (const bound of graphemeBounds) {
    if (bound === start || insideToken[bound - start]) continue;
    const unitText = slice.slice(local.toUtf16(unitStart - start), local.toUtf16(bound - start));
    units.push({ start: unitStart, end: bound, text: unitText, isWord: WORD_CHARACTER.test(unitText) });
    unitStart = bound;
  }
  return units;
}

/**
 * A UTF-16 offset where both rule sets restart: the ends of the text, right after a line feed,
 * or right after an ASCII space or tab when the next character cannot join onto it. Tokens
 * never hold whitespace and no grapheme or token rule looks back across it, so text after such
 * an edge segments the same with or without the text before it.
 */
function isWindowEdge(text: string, u16: number): boolean {
  if (u16 <= 0 || u16 >= text.length) return true;
  const before = text.charCodeAt(u16 - 1);
  if (before === 0x0a) return true;
  if (before !== 0x20 && before !== 0x09) return false;
  const next = String.fromCodePoint(text.codePointAt(u16) ?? 0);
  return CLEAN_CLUSTER_START.test(next) && !CLUSTER_CONTINUATION.test(next);
}

function windowEdgeAtOrBefore(text: string, u16: number): number {
  let edge = u16;
  while (!isWindowEdge(text, edge)) edge--;
  return edge;
}

function windowEdgeAtOrAfter(text: string, u16: number): number {
  let edge = u16;
  while (!isWindowEdge(text, edge)) edge++;
  return edge;
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(Math.trunc(offset) || 0, 0), length);
}
