import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trickyText } from './testing/unicode';
import { tokenize } from './tokens';
import { isGraphemeBoundary, isWordBoundary, nextGraphemeBoundary, nextWordBoundary, snapToWords } from './words';

// ---- oracles: the same rules computed over the whole text at once -------------------------

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function wholeGraphemeBounds(text: string): number[] {
  const bounds = [0];
  for (const { segment } of segmenter.segment(text)) bounds.push(bounds[bounds.length - 1] + [...segment].length);
  return bounds;
}

function wholeWordBounds(text: string): number[] {
  const inside = new Set<number>();
  for (const token of tokenize(text)) for (let i = token.start + 1; i < token.end; i++) inside.add(i);
  return wholeGraphemeBounds(text).filter((bound) => !inside.has(bound));
}

/** Runs between neighbouring word bounds that hold a letter or digit. */
function wholeWords(text: string): Array<{ start: number; end: number }> {
  const bounds = wholeWordBounds(text);
  const characters = [...text];
  return bounds
    .slice(1)
    .map((end, i) => ({ start: bounds[i], end }))
    .filter(({ start, end }) => /[\p{L}\p{N}]/u.test(characters.slice(start, end).join('')));
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** Text with `[` and `]` marking a selection, to the selected code points. */
function select(marked: string): { text: string; start: number; end: number } {
  const characters = [...marked];
  const start = characters.indexOf('[');
  const end = characters.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}

function snapped(marked: string): string | null {
  const { text, start, end } = select(marked);
  const result = snapToWords(text, start, end);
  return result && [...text].slice(result.start, result.end).join('');
}

// ---- snapToWords ---------------------------------------------------------------------------

describe('snapToWords', () => {
  it.each([
    // The guideline examples, selected exactly, sloppily or from inside.
    ['killing [16 pro-Assad troops] on Monday', '16 pro-Assad troops'],
    ['killing 1[6 pro-As]sad troops on Monday', '16 pro-Assad'],
    ['killing 16 pro[-]Assad troops', 'pro-Assad'],
    ['displaced [5,834] people', '5,834'],
    ['displaced 5,[8]34 people', '5,834'],
    ['displaced [5,834 people].', '5,834 people'],
    ['on the M4/Aleppo-La[takia Highway] near', 'M4/Aleppo-Latakia Highway'],
    ['on the [M4]/Aleppo-Latakia Highway', 'M4/Aleppo-Latakia'],
    ['fighters of [Hay\'a]t Tahrir al-Sham', "Hay'at"],
    ['across the al-Gh[a]b Plain', 'al-Ghab'],
    ['at least 2.[5] million', '2.5'],
    ['at 17:[4]8 local time', '17:48'],
    // Quotes, brackets and punctuation around the selection.
    ['[Idlib.]', 'Idlib'],
    ['in [Idlib,] Syria', 'Idlib'],
    ['said [“White Helmets”] rescuers', 'White Helmets'],
    ['said ["White Helmets"] rescuers', 'White Helmets'],
    ["said ['Idlib'] was hit", 'Idlib'],
    ['the [("Idlib")] region', 'Idlib'],
    ['[ (Idlib]) was', 'Idlib'],
    ['the [Hay\'at Tahrir al-Sham (HTS)] group', "Hay'at Tahrir al-Sham (HTS)"],
    ['[the "Free Army" fighters]', 'the "Free Army" fighters'],
    ['[“Free Army” fighters]', '“Free Army” fighters'],
    ['the [rebels’] positions', 'rebels'],
    ['[  Idlib  ]', 'Idlib'],
    ['[constructor toString]', 'constructor toString'],
    ['[…, ; Idlib ! ?]', 'Idlib'],
    ['[🔥 Idlib 🇸🇾]', 'Idlib'],
    // Possessives and abbreviations are tokens of their own.
    ['[Syria]’s north', 'Syria'],
    ['[Syria’s] north', 'Syria’s'],
    ['Syr[i]a’s north', 'Syria'],
    ['Syria’[s] north', '’s'],
    ['by [U.S]. forces', 'U.S.'],
    ['on [Sept. 17, 2018]', 'Sept. 17, 2018'],
    // Combining marks and other scripts.
    ['the caf[e]\u0301 was hit', 'cafe\u0301'],
    ['the cafe[\u0301] was hit', 'cafe\u0301'],
    ['the [cafe]\u0301 was hit', 'cafe\u0301'],
    ['في [إدلب] اليوم', 'إدلب'],
    ['في إد[ل]ب اليوم', 'إدلب'],
    ['قصف [إدلب، ]أمس', 'إدلب'],
    ['رَ[مَ]ضان', 'رَمَضان'],
    ['[👩‍👩‍👧 family]', 'family'],
    ['a 👩‍[👩]‍👧 family', null],
    // Nothing word-like left.
    ['Idlib[ ]was', null],
    ['Idlib [, ]was', null],
    ['[🇸🇾]', null],
    ['Idlib[] was', null],
    ['Idlib []was', null],
    ['[]', null],
    // A collapsed selection inside a word selects the word.
    ['Id[]lib was', 'Idlib'],
  ])('%j → %j', (marked, expected) => {
    expect(snapped(marked)).toBe(expected);
  });

  it('takes its offsets in either order and clamps them to the text', () => {
    expect(snapToWords('in Idlib today', 8, 4)).toEqual({ start: 3, end: 8 });
    expect(snapToWords('in Idlib', -5, 100)).toEqual({ start: 0, end: 8 });
  });

  it('counts offsets in code points after emoji and astral letters', () => {
    const text = '😀😀 𝒳 Idlib';
    expect(snapToWords(text, 6, 8)).toEqual({ start: 5, end: 10 });
  });

  it('keeps its promises on random text', () => {
    fc.assert(
      fc.property(trickyText(), fc.nat(), fc.nat(), (text, a, b) => {
        const length = [...text].length;
        const start = Math.min(a % (length + 1), b % (length + 1));
        const end = Math.max(a % (length + 1), b % (length + 1));
        const result = snapToWords(text, start, end);
        const bounds = wholeWordBounds(text);
        const enclosingStart = bounds.findLast((bound) => bound <= start) ?? 0;
        const enclosingEnd = bounds.find((bound) => bound >= end) ?? length;
        expect(snapToWords(text, end, start)).toEqual(result);
        if (result === null) {
          // Nothing word-like in the enclosing words.
          const words = wholeWords(text).filter((word) => word.start >= enclosingStart && word.end <= enclosingEnd);
          if (start !== end) expect(words).toEqual([]);
          return;
        }
        expect(result.start).toBeLessThan(result.end);
        expect(bounds).toContain(result.start);
        expect(bounds).toContain(result.end);
        expect(result.start).toBeGreaterThanOrEqual(enclosingStart);
        expect(result.end).toBeLessThanOrEqual(enclosingEnd);
        const covered = [...text].slice(result.start, result.end).join('');
        expect(covered).toMatch(/[\p{L}\p{N}]/u);
        expect(covered).toBe(covered.trim());
        expect(snapToWords(text, result.start, result.end)).toEqual(result);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never starts or ends a span inside a token, so token exports line up', () => {
    fc.assert(
      fc.property(trickyText(), fc.nat(), fc.nat(), (text, a, b) => {
        const length = [...text].length;
        const result = snapToWords(text, a % (length + 1), b % (length + 1));
        if (!result) return;
        for (const token of tokenize(text)) {
          expect(result.start <= token.start || result.start >= token.end).toBe(true);
          expect(result.end <= token.start || result.end >= token.end).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

// ---- boundaries, against the whole-text oracles -------------------------------------------

describe('isWordBoundary and isGraphemeBoundary', () => {
  it('agree with segmenting and tokenising the whole text, at every offset', () => {
    fc.assert(
      fc.property(trickyText(60), (text) => {
        const words = new Set(wholeWordBounds(text));
        const graphemes = new Set(wholeGraphemeBounds(text));
        for (const offset of range([...text].length + 1)) {
          expect(isWordBoundary(text, offset)).toBe(words.has(offset));
          expect(isGraphemeBoundary(text, offset)).toBe(graphemes.has(offset));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('trusts a window edge after a space only before a character that really starts a cluster', () => {
    // Every assigned code point X, in texts "a Xb a Yb …": a window may start right after the
    // space only if segmenting the whole text breaks there too. Private use characters and
    // CJK ideographs (two thirds of all, and all alike to the segmenter) are sampled.
    const assigned = /\P{Cn}/u;
    const uniform = /[\p{Co}\p{Unified_Ideograph}]/u;
    const codePoints: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const character = String.fromCodePoint(codePoint);
      if (assigned.test(character) && (codePoint % 97 === 0 || !uniform.test(character))) codePoints.push(codePoint);
    }
    const mismatches: string[] = [];
    for (let first = 0; first < codePoints.length; first += 2_000) {
      const chunk = codePoints.slice(first, first + 2_000);
      const text = chunk.map((codePoint) => `a ${String.fromCodePoint(codePoint)}b`).join(' ');
      const bounds = new Set(wholeGraphemeBounds(text));
      chunk.forEach((codePoint, i) => {
        const offset = i * 5 + 2;
        if (isGraphemeBoundary(text, offset) !== bounds.has(offset)) mismatches.push(codePoint.toString(16));
      });
    }
    expect(codePoints.length).toBeGreaterThan(50_000);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it.each([
    ['cafe\u0301', [0, 5]],
    ['a \u0301b', [0, 1, 3, 4]],
    ['🇸🇾🇺🇸', [0, 2, 4]],
    ['pro-Assad', [0, 9]],
    ['Syria’s', [0, 5, 7]],
    ['5,834 people', [0, 5, 6, 12]],
  ])('word boundaries of %j are %j', (text, expected) => {
    const found = range([...text].length + 1).filter((offset) => isWordBoundary(text, offset));
    expect(found).toEqual(expected);
  });
});

describe('nextGraphemeBoundary', () => {
  it.each([
    ['cafe\u0301!', 3, 1, 5],
    ['cafe\u0301!', 5, -1, 3],
    ['cafe\u0301!', 4, -1, 3],
    ['cafe\u0301!', 4, 1, 5],
    ['👩‍👩‍👧 family', 0, 1, 5],
    ['👩‍👩‍👧 family', 5, -1, 0],
    ['👩‍👩‍👧 family', 2, 1, 5],
    ['🇸🇾🇺🇸', 0, 1, 2],
    ['🇸🇾🇺🇸', 2, 1, 4],
    ['🇸🇾🇺🇸', 4, -1, 2],
    ['إدلب', 1, 1, 2],
    ['ab', 2, 1, 2],
    ['ab', 0, -1, 0],
    ['', 0, 1, 0],
  ] as const)('in %j from %i going %i → %i', (text, offset, direction, expected) => {
    expect(nextGraphemeBoundary(text, offset, direction)).toBe(expected);
  });

  it('steps through exactly the grapheme boundaries of the whole text', () => {
    fc.assert(
      fc.property(trickyText(60), (text) => {
        const bounds = wholeGraphemeBounds(text);
        const length = [...text].length;
        for (const offset of range(length + 1)) {
          expect(nextGraphemeBoundary(text, offset, 1)).toBe(bounds.find((bound) => bound > offset) ?? length);
          expect(nextGraphemeBoundary(text, offset, -1)).toBe(bounds.findLast((bound) => bound < offset) ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('nextWordBoundary', () => {
  it('moves like Ctrl+arrow: to the end of the next word, to the start of the previous one', () => {
    const text = 'Killing 16 pro-Assad troops, in إدلب.';
    const stopsRight: number[] = [];
    for (let at = 0; at < [...text].length; ) stopsRight.push((at = nextWordBoundary(text, at, 1)));
    expect(stopsRight).toEqual([7, 10, 20, 27, 31, 36, 37]);
    const stopsLeft: number[] = [];
    for (let at = [...text].length; at > 0; ) stopsLeft.push((at = nextWordBoundary(text, at, -1)));
    expect(stopsLeft).toEqual([32, 29, 21, 11, 8, 0]);
    expect(nextWordBoundary(text, 3, 1)).toBe(7);
    expect(nextWordBoundary(text, 3, -1)).toBe(0);
  });

  it('crosses long runs without words, however long', () => {
    const text = `start${' -'.repeat(5_000)} end`;
    expect(nextWordBoundary(text, 5, 1)).toBe([...text].length);
    expect(nextWordBoundary(text, [...text].length - 3, -1)).toBe(0);
  });

  it('agrees with the words of the whole text', () => {
    fc.assert(
      fc.property(trickyText(60), (text) => {
        const words = wholeWords(text);
        const length = [...text].length;
        for (const offset of range(length + 1)) {
          expect(nextWordBoundary(text, offset, 1)).toBe(words.find((word) => word.end > offset)?.end ?? length);
          expect(nextWordBoundary(text, offset, -1)).toBe(words.findLast((word) => word.start < offset)?.start ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('on a 100,000-word article', () => {
  const paragraph =
    'On Tuesday, 16 pro-Assad troops were killed near the M4/Aleppo-Latakia Highway 🇸🇾, and 5,834 people fled إدلب.';
  const text = Array.from({ length: 6_000 }, () => paragraph).join('\n');
  const length = [...text].length;

  it('answers each keypress from a local window', () => {
    snapToWords(text, 0, 1);
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) {
      const offset = (i * 7919) % length;
      nextWordBoundary(text, offset, 1);
      nextWordBoundary(text, offset, -1);
      nextGraphemeBoundary(text, offset, 1);
      snapToWords(text, offset, Math.min(length, offset + 12));
    }
    // 8,000 calls take about a second on a busy machine; tokenising the 700 KB text per call
    // would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('snaps a selection deep in the text exactly', () => {
    const offset = [...text.slice(0, text.lastIndexOf('Latakia'))].length;
    const result = snapToWords(text, offset + 2, offset + 3);
    expect(result).toEqual({ start: offset - 10, end: offset + 7 });
    expect(snapToWords(text, length - 3, length)).toEqual({ start: length - 5, end: length - 1 });
  });
});
