/**
 * Conversion between the code point offsets stored on disk and the UTF-16 offsets of JS strings
 * and ProseMirror. Each map is built once per text with one pass; every conversion after that
 * is a binary search over the astral characters only, never a scan of the text.
 */

/** Offsets of one text in code points and in UTF-16 units. */
export interface OffsetMap {
  readonly codePointLength: number;
  readonly utf16Length: number;
  /** The UTF-16 offset of a code point offset, `0 <= cp <= codePointLength`. */
  toUtf16(cp: number): number;
  /**
   * The code point offset of a UTF-16 offset, `0 <= u16 <= utf16Length`. An offset between the
   * two halves of a surrogate pair rounds down, to the start of the character it is inside.
   */
  toCodePoint(u16: number): number;
  /** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
  splitsSurrogatePair(u16: number): boolean;
}

/** Build the offset map of a text. Without astral characters it is the identity and holds no table. */
export function createOffsetMap(text: string): OffsetMap {
  const astralUtf16 = astralCharacterOffsets(text);
  const utf16Length = text.length;
  const codePointLength = utf16Length - astralUtf16.length;
  if (astralUtf16.length === 0) {
    return {
      codePointLength,
      utf16Length,
      toUtf16: (cp) => checkOffset(cp, codePointLength, 'code point'),
      toCodePoint: (u16) => checkOffset(u16, utf16Length, 'UTF-16'),
      splitsSurrogatePair: () => false,
    };
  }
  // The code point offset of each astral character: its UTF-16 offset less the pairs before it.
  const astralCodePoint = astralUtf16.map((u16, index) => u16 - index);
  return {
    codePointLength,
    utf16Length,
    toUtf16: (cp) => checkOffset(cp, codePointLength, 'code point') + countBelow(astralCodePoint, cp),
    // Pairs that start before u16 are one code point each; for u16 inside a pair that includes
    // the pair it is inside, which rounds down.
    toCodePoint: (u16) => checkOffset(u16, utf16Length, 'UTF-16') - countBelow(astralUtf16, u16),
    splitsSurrogatePair: (u16) => {
      const index = countBelow(astralUtf16, u16) - 1;
      return index >= 0 && astralUtf16[index] === u16 - 1;
    },
  };
}

const cachedMaps: Array<{ text: string; map: OffsetMap }> = [];
const CACHED_MAP_COUNT = 4;

/**
 * The offset map of a text, reused while the text is among the last few asked for: per-keypress
 * helpers take the text itself and must not rebuild the table on every call.
 */
export function offsetMapFor(text: string): OffsetMap {
  const hit = cachedMaps.findIndex((entry) => entry.text === text);
  if (hit >= 0) {
    const [entry] = cachedMaps.splice(hit, 1);
    cachedMaps.unshift(entry);
    return entry.map;
  }
  const map = createOffsetMap(text);
  cachedMaps.unshift({ text, map });
  cachedMaps.length = Math.min(cachedMaps.length, CACHED_MAP_COUNT);
  return map;
}

/** UTF-16 offsets of the high halves of the well-formed surrogate pairs, ascending. */
function astralCharacterOffsets(text: string): Uint32Array {
  const offsets: number[] = [];
  const pairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  for (let match = pairs.exec(text); match; match = pairs.exec(text)) offsets.push(match.index);
  return Uint32Array.from(offsets);
}

/** How many entries of an ascending array are less than value. */
function countBelow(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function checkOffset(offset: number, length: number, unit: string): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new RangeError(`${unit} offset ${offset} is outside the text (length ${length})`);
  }
  return offset;
}

/**
 * Positions of a ProseMirror document built with one textblock per line of the text (split on
 * `\n`, so an empty line is an empty block): `pos = utf16Offset + lineIndex + 1`.
 */
export interface PositionMap {
  readonly offsets: OffsetMap;
  /** Number of lines, hence of textblocks. */
  readonly lineCount: number;
  /** `doc.content.size` of that document. */
  readonly documentSize: number;
  /** The document position of a code point offset; the offset of a `\n` is the end of its line. */
  toPos(cp: number): number;
  /**
   * The code point offset of a document position. A position outside every block's content
   * (before the first block, between blocks, after the last) maps to the end of the line
   * before it, or to 0 before the first block; one inside a surrogate pair rounds down.
   */
  fromPos(pos: number): number;
}

/** Build the position map of a text, once per document. */
export function createPositionMap(text: string): PositionMap {
  const offsets = offsetMapFor(text);
  const lineStarts = lineStartOffsets(text);
  const lineCount = lineStarts.length;
  const documentSize = text.length + lineCount + 1;
  // The content of line i spans positions contentStart(i) .. contentStart(i) + its length.
  const contentStart = (line: number) => lineStarts[line] + line + 1;
  return {
    offsets,
    lineCount,
    documentSize,
    toPos(cp) {
      const u16 = offsets.toUtf16(cp);
      const line = countAtOrBelow(lineStarts, u16) - 1;
      return u16 + line + 1;
    },
    fromPos(pos) {
      checkOffset(pos, documentSize, 'document position');
      let low = 0;
      let high = lineCount;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (contentStart(middle) <= pos) low = middle + 1;
        else high = middle;
      }
      const line = low - 1;
      if (line < 0) return 0;
      const lineEnd = line + 1 < lineCount ? lineStarts[line + 1] - 1 : text.length;
      const u16 = Math.min(lineStarts[line] + (pos - contentStart(line)), lineEnd);
      return offsets.toCodePoint(u16);
    },
  };
}

/** UTF-16 offset of the start of every line: 0, then one past each `\n`. */
function lineStartOffsets(text: string): Uint32Array {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Uint32Array.from(starts);
}

function countAtOrBelow(sorted: Uint32Array, value: number): number {
  return countBelow(sorted, value + 1);
}
