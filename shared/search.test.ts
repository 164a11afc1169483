import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { containsText, findTextMatches, snippetAround } from './search';

/** The code points `[start, end)` of text. */
function slice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

/** The naive answer: every non-overlapping occurrence, scanning code points left to right. */
function naiveMatches(text: string, needle: string): Array<{ start: number; end: number }> {
  const chars = [...text];
  const wanted = [...needle];
  const found: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + wanted.length <= chars.length; ) {
    if (wanted.every((char, k) => chars[i + k] === char)) {
      found.push({ start: i, end: i + wanted.length });
      i += wanted.length;
    } else {
      i++;
    }
  }
  return found;
}

describe('findTextMatches', () => {
  it('gives code point offsets after emoji and Arabic', () => {
    const text = 'Strike 🚀 near Idlib — إدلب 🙏🏽 Idlib again';
    const matches = findTextMatches(text, 'Idlib', { caseSensitive: true });
    expect(matches).toHaveLength(2);
    for (const { start, end } of matches) expect(slice(text, start, end)).toBe('Idlib');
    const arabic = findTextMatches(text, 'إدلب');
    expect(arabic.map(({ start, end }) => slice(text, start, end))).toEqual(['إدلب']);
  });

  it('ignores case unless asked not to', () => {
    const text = 'IDLIB, Idlib and idlib';
    expect(findTextMatches(text, 'idlib')).toHaveLength(3);
    expect(findTextMatches(text, 'idlib', { caseSensitive: true })).toEqual([{ start: 17, end: 22 }]);
  });

  it('treats the needle as plain text, not a pattern', () => {
    expect(findTextMatches('M4/Aleppo (road) a.b axb', 'a.b')).toEqual([{ start: 17, end: 20 }]);
    expect(findTextMatches('M4/Aleppo (road)', '(road)')).toEqual([{ start: 10, end: 16 }]);
  });

  it('matches nothing for an empty or blank needle, and stops at the limit', () => {
    expect(findTextMatches('some text', '')).toEqual([]);
    expect(findTextMatches('some text', '   ')).toEqual([]);
    expect(findTextMatches('a a a a', 'a', { limit: 2 })).toHaveLength(2);
  });

  it('agrees with a code point scan for any text and needle (case-sensitive)', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '🚀', 'é', 'د', '\n');
    const text = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(''));
    const needle = fc.array(alphabet, { minLength: 1, maxLength: 3 }).map((chars) => chars.join('')).filter((n) => n.trim() !== '');
    fc.assert(
      fc.property(text, needle, (haystack, wanted) => {
        expect(findTextMatches(haystack, wanted, { caseSensitive: true })).toEqual(naiveMatches(haystack, wanted));
      }),
    );
  });

  it('finds the same places whatever the case of the text when ignoring case', () => {
    const word = fc.constantFrom('idlib', 'Idlib', 'IDLIB', 'x', '🚀', ' ');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const text = words.join('');
        expect(findTextMatches(text, 'Idlib')).toEqual(findTextMatches(text.toLowerCase(), 'idlib', { caseSensitive: true }));
      }),
    );
  });
});

describe('containsText', () => {
  it('checks presence with or without case', () => {
    expect(containsText('Shelling hit IDLIB', 'idlib')).toBe(true);
    expect(containsText('Shelling hit IDLIB', 'idlib', true)).toBe(false);
    expect(containsText('anything', ' ')).toBe(false);
  });
});

describe('snippetAround', () => {
  it('keeps the match whole with context cut at spaces, on one line', () => {
    const text = `${'word '.repeat(30)}the Idlib\nprovince ${'more '.repeat(30)}`;
    const [match] = findTextMatches(text, 'Idlib');
    const snippet = snippetAround(text, match!);
    expect(snippet.match).toBe('Idlib');
    expect(snippet.before.startsWith('…')).toBe(true);
    expect(snippet.before.endsWith('the ')).toBe(true);
    expect(snippet.after.startsWith(' province')).toBe(true);
    expect(snippet.after.endsWith('…')).toBe(true);
    expect(`${snippet.before}${snippet.match}${snippet.after}`).not.toMatch(/\n/);
  });

  it('shows the whole text when it is short, and never half an emoji', () => {
    const text = '🙏🏽 near Idlib 🚀';
    const [match] = findTextMatches(text, 'near');
    expect(snippetAround(text, match!)).toEqual({ before: '🙏🏽 ', match: 'near', after: ' Idlib 🚀' });
    const cut = snippetAround('🚀🚀🚀 x 🚀🚀🚀', { start: 4, end: 5 }, 3);
    expect(`${cut.before}${cut.after}`).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
