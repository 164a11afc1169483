/**
 * Plain-text helpers for stored article text. Offsets are Unicode code points, as on disk; a
 * lone surrogate counts as one code point, as `[...text]` counts it.
 */

const MAX_TITLE_CODE_POINTS = 200;

/** CRLF and lone CR become `\n`. Done once, on import, so stored offsets never see a `\r\n`. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Whether a well-formed surrogate pair (one code point in two UTF-16 units) starts at index i. */
export function isSurrogatePairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

/** The number of code points in text: `[...text].length` without building the array. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += isSurrogatePairAt(text, i) ? 2 : 1) count++;
  return count;
}

/**
 * The code points `[start, end)` of text: `[...text].slice(start, end).join('')`, with the
 * same clamping (negative offsets count from the end). For many slices of one long text use
 * an OffsetMap instead: this walks the text from its start.
 */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const length = start < 0 || end < 0 ? codePointLength(text) : Infinity;
  const from = clampOffset(start, length);
  const to = clampOffset(end, length);
  if (to <= from) return '';
  let codePoint = 0;
  let i = 0;
  for (; i < text.length && codePoint < from; i += isSurrogatePairAt(text, i) ? 2 : 1) codePoint++;
  const fromUtf16 = i;
  for (; i < text.length && codePoint < to; i += isSurrogatePairAt(text, i) ? 2 : 1) codePoint++;
  return text.slice(fromUtf16, i);
}

function clampOffset(offset: number, length: number): number {
  const whole = Math.trunc(offset) || 0;
  return whole < 0 ? Math.max(0, length + whole) : whole;
}

/** The first non-empty line, trimmed, cut to at most 200 code points (never inside a pair). */
export function titleFromText(text: string): string {
  const line = text.split(/\r\n?|\n/).find((candidate) => candidate.trim() !== '') ?? '';
  return sliceCodePoints(line.trim(), 0, MAX_TITLE_CODE_POINTS).trimEnd();
}
