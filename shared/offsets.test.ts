import fc from 'fast-check';
import { Schema, type Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { createOffsetMap, createPositionMap, offsetMapFor } from './offsets';
import { trickyText } from './testing/unicode';

/** Reference conversions by brute force over the string iterator. */
function utf16OfCodePoint(text: string, cp: number): number {
  return [...text].slice(0, cp).join('').length;
}

/** The code point a UTF-16 offset is in or before, rounding down inside a pair. */
function codePointOfUtf16(text: string, u16: number): number {
  let cp = 0;
  let at = 0;
  for (const character of text) {
    if (at + character.length > u16) break;
    at += character.length;
    cp++;
  }
  return cp;
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

describe('createOffsetMap', () => {
  it('agrees with brute force at every offset of random tricky text', () => {
    fc.assert(
      fc.property(trickyText(60), (text) => {
        const map = createOffsetMap(text);
        expect(map.utf16Length).toBe(text.length);
        expect(map.codePointLength).toBe([...text].length);
        for (const cp of range(map.codePointLength + 1)) {
          const u16 = map.toUtf16(cp);
          expect(u16).toBe(utf16OfCodePoint(text, cp));
          expect(map.toCodePoint(u16)).toBe(cp);
          expect(map.splitsSurrogatePair(u16)).toBe(false);
        }
        for (const u16 of range(text.length + 1)) {
          const cp = map.toCodePoint(u16);
          expect(cp).toBe(codePointOfUtf16(text, u16));
          const splits = map.splitsSurrogatePair(u16);
          expect(splits).toBe(u16 > 0 && /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(text.slice(u16 - 1, u16 + 1)));
          expect(map.toUtf16(cp)).toBe(splits ? u16 - 1 : u16);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps "café" written with a combining acute one to one (a mark is its own code point)', () => {
    const map = createOffsetMap('cafe\u0301!');
    expect(map.codePointLength).toBe(6);
    expect(range(7).map((cp) => map.toUtf16(cp))).toEqual(range(7));
  });

  it('maps the family emoji, a ZWJ sequence of three astral people', () => {
    const text = '👩‍👩‍👧 family';
    const map = createOffsetMap(text);
    expect(map.codePointLength).toBe(12);
    expect(map.utf16Length).toBe(15);
    // 👩 ZWJ 👩 ZWJ 👧: code points 0..4 start at UTF-16 0, 2, 3, 5, 6.
    expect(range(6).map((cp) => map.toUtf16(cp))).toEqual([0, 2, 3, 5, 6, 8]);
    expect(map.toCodePoint(9)).toBe(6);
    expect(text.slice(map.toUtf16(6), map.toUtf16(12))).toBe('family');
    // Inside the first woman: rounds down to her start.
    expect(map.toCodePoint(1)).toBe(0);
    expect(map.splitsSurrogatePair(1)).toBe(true);
  });

  it('maps Arabic "إدلب" (BMP only) as the identity', () => {
    const text = 'في إدلب اليوم';
    const map = createOffsetMap(text);
    const start = [...text].indexOf('إ');
    expect(text.slice(map.toUtf16(start), map.toUtf16(start + 4))).toBe('إدلب');
    expect(map.toUtf16(start)).toBe(start);
  });

  it('maps text after a flag and a skin tone correctly', () => {
    const text = '🇸🇾 🙏🏽 Idlib';
    const map = createOffsetMap(text);
    const idlib = [...text].length - 5;
    expect(text.slice(map.toUtf16(idlib))).toBe('Idlib');
  });

  it('treats a lone surrogate as one code point, as the string iterator does', () => {
    const map = createOffsetMap('a\uD83Db\uDE00c');
    expect(map.codePointLength).toBe(5);
    expect(range(6).map((cp) => map.toUtf16(cp))).toEqual(range(6));
  });

  it('refuses offsets outside the text or not whole', () => {
    for (const text of ['abc', 'a😀c']) {
      const map = createOffsetMap(text);
      expect(() => map.toUtf16(-1)).toThrow(RangeError);
      expect(() => map.toUtf16(map.codePointLength + 1)).toThrow(/outside the text/);
      expect(() => map.toUtf16(1.5)).toThrow(RangeError);
      expect(() => map.toCodePoint(map.utf16Length + 1)).toThrow(RangeError);
      expect(() => map.toCodePoint(Number.NaN)).toThrow(RangeError);
    }
  });

  it('converts fast on a 100,000-word article with thousands of emoji', () => {
    const words = range(100_000).map((i) => (i % 40 === 0 ? '😀' : i % 97 === 0 ? 'إدلب' : 'word'));
    const text = words.join(' ');
    const built = performance.now();
    const map = createOffsetMap(text);
    const conversions = performance.now();
    let checksum = 0;
    for (let i = 0; i < 100_000; i++) checksum += map.toCodePoint(map.toUtf16((i * 7919) % map.codePointLength));
    const done = performance.now();
    expect(checksum).toBeGreaterThan(0);
    expect(conversions - built).toBeLessThan(1_000);
    // 200,000 conversions: binary searches, not scans of 500 KB.
    expect(done - conversions).toBeLessThan(1_500);
  });
});

describe('offsetMapFor', () => {
  it('reuses the map of a recent text and builds a new one for another text', () => {
    const text = `recent ${Math.random()} 😀`;
    const map = offsetMapFor(text);
    expect(offsetMapFor(text)).toBe(map);
    expect(offsetMapFor(`${text}!`)).not.toBe(map);
    expect(offsetMapFor(text)).toBe(map);
  });

  it('forgets the oldest text after a few others', () => {
    const text = `old ${Math.random()}`;
    const map = offsetMapFor(text);
    for (const i of range(8)) offsetMapFor(`other ${i} ${Math.random()}`);
    const again = offsetMapFor(text);
    expect(again).not.toBe(map);
    expect(again.codePointLength).toBe(map.codePointLength);
  });
});

const schema = new Schema({
  nodes: { doc: { content: 'line+' }, line: { content: 'text*' }, text: {} },
});

/** The document the editor builds: one textblock per line. */
function documentOf(text: string): Node {
  return schema.node(
    'doc',
    null,
    text.split('\n').map((line) => schema.node('line', null, line ? [schema.text(line)] : [])),
  );
}

/** The plain-text UTF-16 offset ProseMirror's own model gives for a position. */
function utf16OfPosition(doc: Node, pos: number): number {
  return doc.textBetween(0, pos, '\n').length;
}

describe('createPositionMap', () => {
  const texts = fc.tuple(trickyText(30), fc.array(trickyText(10), { maxLength: 4 })).map(([first, rest]) =>
    [first, ...rest].join('\n').replace(/\r/g, ''),
  );

  it('lands on the same text as ProseMirror for every code point offset', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const doc = documentOf(text);
        const positions = createPositionMap(text);
        const offsets = createOffsetMap(text);
        expect(positions.documentSize).toBe(doc.content.size);
        expect(positions.lineCount).toBe(doc.childCount);
        for (const cp of range(offsets.codePointLength + 1)) {
          const pos = positions.toPos(cp);
          expect(utf16OfPosition(doc, pos)).toBe(offsets.toUtf16(cp));
          expect(doc.resolve(pos).parent.type.name).toBe('line');
          expect(positions.fromPos(pos)).toBe(cp);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('maps every document position, between blocks and inside pairs included, sensibly', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const doc = documentOf(text);
        const positions = createPositionMap(text);
        const offsets = createOffsetMap(text);
        for (const pos of range(doc.content.size + 1)) {
          const cp = positions.fromPos(pos);
          const $pos = doc.resolve(pos);
          if ($pos.parent.type.name === 'line') {
            expect(cp).toBe(offsets.toCodePoint(utf16OfPosition(doc, pos)));
          } else {
            // Between blocks: the end of the line before, or 0 before the first.
            const lineBefore = $pos.index() - 1;
            const expected = lineBefore < 0 ? 0 : offsets.toCodePoint(utf16OfPosition(doc, pos - 1));
            expect(cp).toBe(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles the explicit cases around lines', () => {
    const positions = createPositionMap('ab\n\n😀c');
    // doc: <line>ab</line><line></line><line>😀c</line>
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => positions.toPos(cp))).toEqual([1, 2, 3, 5, 7, 9, 10]);
    expect(positions.fromPos(0)).toBe(0);
    expect(positions.fromPos(4)).toBe(2);
    expect(positions.fromPos(6)).toBe(3);
    expect(positions.fromPos(8)).toBe(4);
    expect(positions.fromPos(11)).toBe(6);
    expect(() => positions.fromPos(12)).toThrow(RangeError);
    expect(() => positions.toPos(7)).toThrow(RangeError);
  });

  it('works for the empty text (one empty block)', () => {
    const positions = createPositionMap('');
    expect(positions.documentSize).toBe(2);
    expect(positions.toPos(0)).toBe(1);
    expect([0, 1, 2].map((pos) => positions.fromPos(pos))).toEqual([0, 0, 0]);
  });

  it('converts fast on a 2,000-paragraph article', () => {
    const paragraph = `${'word '.repeat(49)}😀`;
    const text = range(2_000).map(() => paragraph).join('\n');
    const positions = createPositionMap(text);
    const length = positions.offsets.codePointLength;
    const started = performance.now();
    let mismatches = 0;
    for (let i = 0; i < 100_000; i++) {
      const cp = (i * 7919) % length;
      if (positions.fromPos(positions.toPos(cp)) !== cp) mismatches++;
    }
    const elapsed = performance.now() - started;
    expect(mismatches).toBe(0);
    // 200,000 binary searches take milliseconds; scanning 500 KB per call would take minutes.
    expect(elapsed).toBeLessThan(3_000);
  });
});
