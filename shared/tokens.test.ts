import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sentences, tokenize } from './tokens';

const words = (text: string) => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it.each([
    ['5,834 people', ['5,834', 'people']],
    ['more than 400,000.', ['more', 'than', '400,000', '.']],
    ['3.5 km', ['3.5', 'km']],
    ['al-Ghab Plain', ['al-Ghab', 'Plain']],
    ['(pro-Assad forces)', ['(', 'pro-Assad', 'forces', ')']],
    ['the M4/Aleppo-Latakia Highway,', ['the', 'M4/Aleppo-Latakia', 'Highway', ',']],
    ["Hay'at Tahrir al-Sham", ["Hay'at", 'Tahrir', 'al-Sham']],
    ['the U.S. said', ['the', 'U.S.', 'said']],
    ['on Sept. 17, 2018.', ['on', 'Sept.', '17', ',', '2018', '.']],
    ['Dr. Ali', ['Dr.', 'Ali']],
    ['Syria’s north', ['Syria', '’s', 'north']],
    ["rebels' positions", ['rebels', "'", 'positions']],
    ['“Russian forces,” he said', ['“', 'Russian', 'forces', ',', '”', 'he', 'said']],
    ['at 17:48 on 03.11.2019', ['at', '17:48', 'on', '03.11.2019']],
    ['Idlib,Hama', ['Idlib', ',', 'Hama']],
    ['pro- and anti-', ['pro', '-', 'and', 'anti', '-']],
    ['IDLIB – Russian', ['IDLIB', '–', 'Russian']],
    ['قصفت الطائرات الروسية إدلب.', ['قصفت', 'الطائرات', 'الروسية', 'إدلب', '.']],
    ['مُحَمَّد', ['مُحَمَّد']],
    ['cafe\u0301 ok', ['cafe\u0301', 'ok']],
    ['fled👨‍👩‍👧‍👦today', ['fled', '👨‍👩‍👧‍👦', 'today']],
    ['🇸🇾🇹🇷', ['🇸🇾', '🇹🇷']],
    ['👍🏽👍', ['👍🏽', '👍']],
    ['❤️ 1️⃣', ['❤️', '1️⃣']],
    ['a\u200Fb \uFEFFc', ['a', 'b', 'c']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('gives code point offsets', () => {
    expect(tokenize('😀 ab')).toEqual([
      { start: 0, end: 1, text: '😀' },
      { start: 2, end: 4, text: 'ab' },
    ]);
    expect(tokenize('\uD800x')).toEqual([
      { start: 0, end: 1, text: '\uD800' },
      { start: 1, end: 2, text: 'x' },
    ]);
  });

  const piece = fc.oneof(
    fc.constantFrom('Idlib', 'al-Ghab', '5,834', "Hay'at", 'U.S.', 'Sept.', 'e\u0301', 'مُحَمَّد', 'إدلب'),
    fc.constantFrom('👨‍👩‍👧', '🇸🇾', '👍🏽', '❤️', '😀'),
    fc.constantFrom('.', ',', '“', '”', '(', ')', '’s', '-', '!', '?'),
    fc.constantFrom(' ', ' ', '\n', '\r\n', '\t', '\u00A0'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

  it('covers every visible character exactly once, offsets matching the text', () => {
    fc.assert(
      fc.property(text, (input) => {
        const codePoints = [...input];
        const tokens = tokenize(input);
        let covered = 0;
        let previousEnd = 0;
        for (const token of tokens) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(codePoints.slice(token.start, token.end).join('')).toBe(token.text);
          for (const gap of codePoints.slice(previousEnd, token.start)) expect(gap).toMatch(/^[\s\p{Cc}\p{Cf}]$/u);
          covered += token.end - token.start;
          previousEnd = token.end;
        }
        for (const gap of codePoints.slice(previousEnd)) expect(gap).toMatch(/^[\s\p{Cc}\p{Cf}]$/u);
        expect(covered).toBeLessThanOrEqual(codePoints.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts a grapheme cluster that starts with a letter or an emoji', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.array(piece.filter((p) => !/^\s/u.test(p) && /^[\p{L}\p{N}\p{P}\p{Extended_Pictographic}\p{RI}]/u.test(p)), { maxLength: 30 }), (parts) => {
        const input = parts.join(' ');
        const boundaries = new Set<number>([[...input].length]);
        for (const { index } of segmenter.segment(input)) boundaries.add([...input.slice(0, index)].length);
        for (const token of tokenize(input)) {
          expect(boundaries.has(token.start)).toBe(true);
          expect(boundaries.has(token.end)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cuts runs of more than 100,000 characters without whitespace, never inside a surrogate pair', () => {
    const run = `${'😀a-'.repeat(40_000)}`;
    const tokens = tokenize(`x ${run} y`);
    expect(tokens[0].text).toBe('x');
    expect(tokens[tokens.length - 1]).toEqual({ start: 2 + [...run].length + 1, end: 2 + [...run].length + 2, text: 'y' });
    expect(tokens.slice(1, -1).map((t) => t.text).join('')).toBe(run);
    expect(tokenize('é'.normalize('NFD').repeat(5_000_000)).length).toBeGreaterThan(1);
  });

  it('answers quickly on large inputs', () => {
    const big = 'At least 16 pro-Assad troops were killed on Sept. 17, 2018 in al-Ghab. '.repeat(20_000);
    const started = performance.now();
    expect(tokenize(big).length).toBe(20_000 * 15);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('sentences', () => {
  const split = (text: string) => {
    const tokens = tokenize(text);
    return sentences(text, tokens).map((s) => tokens.slice(s.start, s.end).map((t) => t.text).join(' '));
  };

  it('splits on lines and on sentence ends before a capital', () => {
    expect(split('Title line\n\nShelling hit Idlib. Two died! Why? Nobody knows.')).toEqual([
      'Title line',
      'Shelling hit Idlib .',
      'Two died !',
      'Why ?',
      'Nobody knows .',
    ]);
  });

  it('keeps abbreviations, initials, decimals and lower-case continuations together', () => {
    expect(split('On Sept. 17 the U.S. Army and Dr. Ali met J. Smith at 3.5 km. it went on.')).toEqual([
      'On Sept. 17 the U.S. Army and Dr. Ali met J . Smith at 3.5 km . it went on .',
    ]);
  });

  it('keeps closing quotes with their sentence and looks past opening ones', () => {
    expect(split('He said: “They fled.” “Where?” Nobody knew.')).toEqual([
      'He said : “ They fled . ”',
      '“ Where ? ”',
      'Nobody knew .',
    ]);
  });

  it('covers every token once, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 50 }), (a, b) => {
        const input = `${a}. ${b}\n${a}`;
        const tokens = tokenize(input);
        const ranges = sentences(input, tokens);
        let next = 0;
        for (const range of ranges) {
          expect(range.start).toBe(next);
          expect(range.end).toBeGreaterThan(range.start);
          next = range.end;
        }
        expect(next).toBe(tokens.length);
      }),
    );
  });

  it('returns nothing for no tokens', () => {
    expect(sentences('  \n ', [])).toEqual([]);
  });
});
