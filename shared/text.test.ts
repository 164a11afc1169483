import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, isSurrogatePairAt, normalizeLineEndings, sliceCodePoints, titleFromText } from './text';
import { trickyText } from './testing/unicode';

describe('normalizeLineEndings', () => {
  it.each([
    ['a\r\nb', 'a\nb'],
    ['a\rb', 'a\nb'],
    ['a\n\rb', 'a\n\nb'],
    ['a\r\r\nb', 'a\n\nb'],
    ['\r\n\r\n', '\n\n'],
    ['no breaks', 'no breaks'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLineEndings(input)).toBe(expected);
  });

  it('leaves no CR, keeps the number of line breaks, and is idempotent', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        const normalized = normalizeLineEndings(text);
        expect(normalized).not.toContain('\r');
        expect(normalized.split('\n').length).toBe(text.split(/\r\n|\r|\n/).length);
        expect(normalizeLineEndings(normalized)).toBe(normalized);
      }),
    );
  });
});

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['café', 4],
    ['cafe\u0301', 5],
    ['👩‍👩‍👧', 5],
    ['🇸🇾', 2],
    ['إدلب', 4],
    ['\uD83D', 1],
    ['\uDE00\uD83D', 2],
  ])('%j has %i code points', (text, expected) => {
    expect(codePointLength(text)).toBe(expected);
  });

  it('counts like the string iterator, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => codePointLength(text) === [...text].length));
    fc.assert(fc.property(trickyText(), (text) => codePointLength(text) === [...text].length));
  });
});

describe('isSurrogatePairAt', () => {
  it('is true only at the high half of a well-formed pair', () => {
    const text = 'a😀\uD83Db\uDE00';
    expect([0, 1, 2, 3, 4, 5].map((i) => isSurrogatePairAt(text, i))).toEqual([false, true, false, false, false, false]);
  });
});

describe('sliceCodePoints', () => {
  it('slices like Array.prototype.slice over code points, negative and out-of-range offsets included', () => {
    fc.assert(
      fc.property(trickyText(), fc.integer({ min: -50, max: 80 }), fc.integer({ min: -50, max: 80 }), (text, start, end) => {
        expect(sliceCodePoints(text, start, end)).toBe([...text].slice(start, end).join(''));
      }),
    );
  });

  it('never cuts an emoji in half', () => {
    expect(sliceCodePoints('x😀y', 1, 2)).toBe('😀');
    expect(sliceCodePoints('x😀y', 2, 3)).toBe('y');
  });
});

describe('titleFromText', () => {
  it.each([
    ['Airstrikes hit Idlib\n\nBody', 'Airstrikes hit Idlib'],
    ['\n  \n   Title after blanks  \nBody', 'Title after blanks'],
    ['\r\n\r\nCRLF title\r\nBody', 'CRLF title'],
    ['', ''],
    ['   \n\t\n', ''],
  ])('%j → %j', (text, expected) => {
    expect(titleFromText(text)).toBe(expected);
  });

  it('keeps at most 200 code points and never splits a surrogate pair', () => {
    const title = titleFromText(`${'a'.repeat(199)}😀😀😀`);
    expect([...title]).toHaveLength(200);
    expect(title.endsWith('😀')).toBe(true);
    expect(titleFromText('b'.repeat(500))).toBe('b'.repeat(200));
  });

  it('is always a trimmed single line of at most 200 code points', () => {
    fc.assert(
      fc.property(trickyText(300), (text) => {
        const title = titleFromText(text);
        expect(title).not.toMatch(/[\r\n]/);
        expect(title).toBe(title.trim());
        expect([...title].length).toBeLessThanOrEqual(200);
      }),
    );
  });
});
