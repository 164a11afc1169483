import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tokenize, type Token } from '../tokens';
import type { Span } from '../types';
import { span } from './fixture';
import { foldRatings, ratingsOf } from './ratings';
import { OUTSIDE, tokenRatings } from './tokenlabels';

const TEXT = 'At least 16 pro-Assad troops died 😀 in Idlib.';
const tokens = tokenize(TEXT);

/** Each token's label under one layer: a token on its own is labelled as it is among the others. */
const labelsOf = (spans: Span[]) => tokens.map((t) => tokenRatings([t], [spans])[0].labels[0]);
const labelled = (spans: Span[]) => tokens.map((t, i) => `${t.text}/${labelsOf(spans)[i]}`).join(' ');

/** The rule, token by token and span by span, as the docs state it. */
function naiveLabel(token: Token, spans: readonly Span[]): string {
  const covering = spans.filter((s) => (s.fragments ?? [[s.start, s.end]]).some(([from, to]) => from < token.end && token.start < to));
  covering.sort((x, y) => x.end - x.start - (y.end - y.start) || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
  return covering[0]?.label ?? OUTSIDE;
}

describe('tokenRatings', () => {
  it('labels every token O when there are no spans', () => {
    expect(tokenRatings(tokens, [[], []])).toEqual([{ labels: [OUTSIDE, OUTSIDE], count: tokens.length }]);
    expect(tokenRatings([], [[span(0, 5, 'ACTOR')]])).toEqual([]);
  });

  it('gives nested tokens the innermost label', () => {
    expect(labelled([span(0, 28, 'CASUALTY'), span(12, 28, 'ACTOR')])).toBe(
      'At/CASUALTY least/CASUALTY 16/CASUALTY pro-Assad/ACTOR troops/ACTOR died/O 😀/O in/O Idlib/O ./O',
    );
  });

  it('labels a token a span only partly covers', () => {
    // "Assad" alone, inside the one token "pro-Assad".
    expect(labelled([span(16, 21, 'ACTOR')])).toContain('pro-Assad/ACTOR troops/O');
  });

  it('counts code points, so text after an emoji lines up', () => {
    // "😀" is one code point (two UTF-16 units): "Idlib" is at 39..44.
    expect(labelled([span(39, 44, 'LOCATION')])).toContain('in/O Idlib/LOCATION ./O');
  });

  it('covers only the fragments of a discontinuous span', () => {
    expect(labelled([span(0, 28, 'CASUALTY', 'a', { fragments: [[0, 8], [22, 28]] })])).toBe(
      'At/CASUALTY least/CASUALTY 16/O pro-Assad/O troops/CASUALTY died/O 😀/O in/O Idlib/O ./O',
    );
  });

  it('breaks a tie between spans of equal length by label, whatever their order', () => {
    const both = [span(0, 8, 'DATE'), span(0, 8, 'ACTOR')];
    expect(labelsOf(both).slice(0, 2)).toEqual(['ACTOR', 'ACTOR']);
    expect(labelsOf([...both].reverse()).slice(0, 2)).toEqual(['ACTOR', 'ACTOR']);
  });

  it('folds tokens labelled alike by every layer into one row, in order of first appearance', () => {
    const items = tokenRatings(tokens, [[span(0, 8, 'DATE'), span(39, 44, 'LOCATION')], [span(3, 11, 'CASUALTY')]]);
    expect(items).toEqual([
      { labels: ['DATE', OUTSIDE], count: 1 },
      { labels: ['DATE', 'CASUALTY'], count: 1 },
      { labels: [OUTSIDE, 'CASUALTY'], count: 1 },
      { labels: [OUTSIDE, OUTSIDE], count: tokens.length - 4 },
      { labels: ['LOCATION', OUTSIDE], count: 1 },
    ]);
  });

  it('gives no labels from a layer that is absent (an annotator who did not work on the document)', () => {
    expect(tokenRatings(tokens, [[span(0, 8, 'DATE')], null])).toEqual([
      { labels: ['DATE', null], count: 2 },
      { labels: [OUTSIDE, null], count: tokens.length - 2 },
    ]);
  });

  it('agrees with the rule applied token by token, for any spans of several layers', () => {
    const spanArb = fc
      .tuple(fc.nat(44), fc.integer({ min: 1, max: 20 }), fc.constantFrom('ACTOR', 'DATE', 'LOCATION'), fc.boolean())
      .map(([start, length, label, split]) => {
        const end = Math.min(45, start + length);
        const fragments: Array<[number, number]> | undefined =
          split && end - start >= 3 ? [[start, start + 1], [end - 1, end]] : undefined;
        return span(start, end, label, 'a', fragments ? { fragments } : {});
      });
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), (layers) => {
        const byToken = layers.map((spans) => tokens.map((t) => naiveLabel(t, spans)));
        expect(tokenRatings(tokens, layers)).toEqual(foldRatings(ratingsOf(byToken)));
      }),
    );
  });
});

const CORPUS = '/work/shared/corpus';

describe.skipIf(!existsSync(CORPUS))('tokenRatings on the real articles', () => {
  it('agrees with the rule token by token on every article', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const articleTokens = tokenize(text);
      // Capitalised words as ACTOR, figures as CASUALTY (with the word after), at code point offsets.
      const spansFor = (pattern: RegExp, label: string) =>
        [...text.matchAll(pattern)].map((m) => {
          const start = [...text.slice(0, m.index)].length;
          return span(start, start + [...m[0]].length, label);
        });
      const layers = [spansFor(/\p{Lu}\p{L}+/gu, 'ACTOR'), spansFor(/\d[\d,]* \p{L}+/gu, 'CASUALTY')];
      const byToken = layers.map((spans) => articleTokens.map((t) => naiveLabel(t, spans)));
      expect(tokenRatings(articleTokens, layers)).toEqual(foldRatings(ratingsOf(byToken)));
    }
  });
});

if (!existsSync(CORPUS)) console.log(`tokenRatings on the real articles: skipped, ${CORPUS} is absent`);
