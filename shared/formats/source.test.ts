import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormatProblem } from './model';
import { SourceText, show, unreadableTextReason } from './source';

describe('unreadableTextReason', () => {
  it.each([
    ['plain text', 'Shelling hit Idlib.', null],
    ['a few undecodable characters in a long text', `${'text '.repeat(400)}\uFFFD\uFFFD`, null],
    ['NUL bytes', 'PK\u0000\u0003', 'is a binary file, not text (it holds NUL bytes)'],
    ['many replacement characters', '\uFFFDa'.repeat(20), 'is not UTF-8 text (20 characters could not be decoded)'],
    ['nothing', '', 'is empty'],
    ['only whitespace', ' \r\n\t', 'is empty'],
  ])('%s', (_, content, expected) => {
    expect(unreadableTextReason(content)).toBe(expected);
  });
});

describe('SourceText', () => {
  it('normalises line endings and maps the file’s offsets onto the normalised text', () => {
    const source = new SourceText('a\r\n😀b\rc\r\nd');
    expect(source.text).toBe('a\n😀b\nc\nd');
    expect(source.rawLength).toBe(10);
    expect(source.length).toBe(8);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((offset) => source.fromRaw(offset))).toEqual([0, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8]);
    expect(source.slice(2, 4)).toBe('😀b');
  });

  it('maps every span of a CRLF text onto the same characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '😀', '\r\n', '\n', 'e\u0301', 'ب'), { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, x, y) => {
        const raw = pieces.join('');
        const rawPoints = [...raw];
        const [start, end] = [x % (rawPoints.length + 1), y % (rawPoints.length + 1)].sort((a, b) => a - b);
        const source = new SourceText(raw);
        const covered = rawPoints.slice(start, end).join('').replace(/\r\n/g, '\n');
        const sliced = source.slice(source.fromRaw(start), source.fromRaw(end));
        // A range starting or ending between \r and \n loses at most that \r.
        expect(covered.replace(/\r/g, '')).toContain(sliced.replace(/\r/g, ''));
        if (!rawPoints.slice(start, end + 1).join('').includes('\r')) expect(sliced).toBe(covered);
      }),
    );
  });

  describe('span', () => {
    const source = new SourceText('Shelling hit Idlib.\r\nMore.');
    const problem = (raw: Parameters<SourceText['span']>[0]) => {
      try {
        source.span(raw, 'span 1', 7);
      } catch (caught) {
        if (caught instanceof FormatProblem) return `${caught.line}: ${caught.message}`;
        throw caught;
      }
      return 'no problem';
    };

    it('moves a good span onto the normalised text', () => {
      expect(source.span({ start: 21, end: 25, label: 'X', covered: 'More' }, 'span 1')).toEqual({ start: 20, end: 24, label: 'X' });
    });

    it.each([
      [{ start: 13, end: 99, label: 'LOCATION' }, '7: span 1 (LOCATION): end offset 99 is past the end of the text (26 characters)'],
      [{ start: 18, end: 13, label: 'LOCATION' }, '7: span 1 (LOCATION): start 18 is not before end 13'],
      [{ start: 13, end: 13, label: 'LOCATION' }, '7: span 1 (LOCATION): start 13 is not before end 13'],
      [{ start: '13', end: 18, label: 'LOCATION' }, '7: span 1 (LOCATION): offsets must be whole numbers ≥ 0, got "13", 18'],
      [{ start: 1.5, end: 18, label: 'LOCATION' }, '7: span 1 (LOCATION): offsets must be whole numbers ≥ 0, got 1.5, 18'],
      [{ start: -1, end: 18, label: 'LOCATION' }, '7: span 1 (LOCATION): offsets must be whole numbers ≥ 0, got -1, 18'],
      [{ start: 13, end: 18, label: '' }, '7: span 1 has no label'],
      [{ start: 13, end: 18, label: 4 }, '7: span 1 has no label'],
      [{ start: 19, end: 20, label: 'X' }, '7: span 1 (X) covers only the \\r of a line break'],
      [{ start: 13, end: 18, label: 'LOCATION', covered: 'Aleppo' }, '7: span 1 (LOCATION) says it covers "Aleppo" but the text at 13–18 is "Idlib"'],
    ])('%j', (raw, expected) => {
      expect(problem(raw)).toBe(expected);
    });
  });
});

describe('show', () => {
  it('quotes values and cuts long ones short', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show(undefined)).toBe('undefined');
    expect(show('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(76)}…`);
    expect(show({ a: 'y'.repeat(200) })).toMatch(/…$/);
  });
});
