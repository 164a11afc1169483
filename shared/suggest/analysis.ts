/**
 * What every suggestion source needs to know about a text, worked out once: code point
 * conversions, the shared tokeniser's words (spans start and end on their edges) and sentences.
 */
import { offsetMapFor, type OffsetMap } from '../offsets';
import { sentences, tokenize, type Token } from '../tokens';

export interface TextAnalysis {
  text: string;
  offsets: OffsetMap;
  /** Code point offsets, in order. */
  tokens: Token[];
  tokenStarts: Set<number>;
  tokenEnds: Set<number>;
  /** Code point ranges of the sentences, in order. */
  sentences: Array<{ start: number; end: number }>;
}

let lastAnalysis: TextAnalysis | undefined;

/** Analyse a text; asking again for the same text (as every source of one `suggest` call does) is free. */
export function analyseText(text: string): TextAnalysis {
  if (lastAnalysis?.text === text) return lastAnalysis;
  const tokens = tokenize(text);
  lastAnalysis = {
    text,
    offsets: offsetMapFor(text),
    tokens,
    tokenStarts: new Set(tokens.map((token) => token.start)),
    tokenEnds: new Set(tokens.map((token) => token.end)),
    sentences: sentences(text, tokens).map((range) => ({
      start: tokens[range.start].start,
      end: tokens[range.end - 1].end,
    })),
  };
  return lastAnalysis;
}

/** Whether `[start, end)` begins at the start of a word and ends at the end of one. */
export function isWholeWord(analysis: TextAnalysis, start: number, end: number): boolean {
  return start < end && analysis.tokenStarts.has(start) && analysis.tokenEnds.has(end);
}

/** The text between two code point offsets. */
export function sliceCodePoints(analysis: TextAnalysis, start: number, end: number): string {
  return analysis.text.slice(analysis.offsets.toUtf16(start), analysis.offsets.toUtf16(end));
}

/**
 * Whether `[start, end)` already starts and ends on a word (letter or digit) at token edges,
 * with nothing after it that would join its last character: what the editor's snapping
 * (../words) leaves as it is. The cheap test that spares most suggestions that snapping.
 */
export function isSnapped(analysis: TextAnalysis, start: number, end: number): boolean {
  if (!isWholeWord(analysis, start, end)) return false;
  const { text, offsets } = analysis;
  const first = text.codePointAt(offsets.toUtf16(start)) ?? 0;
  const lastAt = offsets.toUtf16(end) - 1;
  const last = text.codePointAt(lastAt > 0 && isLowSurrogate(text.charCodeAt(lastAt)) ? lastAt - 1 : lastAt) ?? 0;
  const next = text.codePointAt(offsets.toUtf16(end));
  return (
    WORD_CHARACTER.test(String.fromCodePoint(first)) &&
    WORD_CHARACTER.test(String.fromCodePoint(last)) &&
    (next === undefined || !JOINS_PREVIOUS.test(String.fromCodePoint(next)))
  );
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** Characters that belong to the grapheme cluster before them. */
const JOINS_PREVIOUS = /^[\p{M}\p{Emoji_Modifier}\u200D]$/u;

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The text of the sentence (or sentences) the range lies in: the context attribute readers look at. */
export function sentenceAround(analysis: TextAnalysis, start: number, end: number): string {
  const { sentences: ranges } = analysis;
  const first = lowerBound(ranges.length, (i) => ranges[i].end > start);
  const lastIndex = Math.max(first, lowerBound(ranges.length, (i) => ranges[i].start >= end) - 1);
  if (first >= ranges.length) return sliceCodePoints(analysis, start, end);
  return sliceCodePoints(analysis, Math.min(start, ranges[first].start), Math.max(end, ranges[lastIndex].end));
}

/** The smallest index in `[0, length)` for which `isAfter` holds (`length` if none); `isAfter` must be monotone. */
function lowerBound(length: number, isAfter: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
