import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { alphaTally, krippendorffAlpha } from './krippendorff';
import { foldRatings, ratingsOf } from './ratings';

// Reliability data is given coder by coder (rows); ratingsOf turns it into units (columns).

const _ = null;

describe('krippendorffAlpha', () => {
  it('reproduces the nominal example with missing values of Krippendorff (2011), α = 0.743', () => {
    // "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, values 1–5.
    // Unit 12 has one value and cannot be paired. By hand: n = 40 pairable values with
    // n_1..n_5 = 9, 13, 10, 5, 3 (Σ n_c² = 384) and Σ o_cc = 32, so
    // α = 1 − 39 · (40 − 32) / (1600 − 384) = 1 − 312/1216 = 113/152 = 0.74342…
    const data = ratingsOf([
      ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
      ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
      [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
      ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
    ]);
    const tally = alphaTally(data);
    expect(tally.pairable).toBe(40);
    expect(tally.coinciding).toBeCloseTo(32, 12);
    expect(krippendorffAlpha(tally)).toBeCloseTo(113 / 152, 12);
    expect(krippendorffAlpha(tally)?.toFixed(3)).toBe('0.743');
  });

  it('computes a hand-worked two-coder case', () => {
    // Units (A,A) (A,B) (B,B) (B,B): n = 8, n_A = 3, n_B = 5, Σ o_cc = 2 + 2 + 2 = 6.
    // α = 1 − 7 · (8 − 6) / (64 − 9 − 25) = 1 − 14/30 = 8/15.
    expect(krippendorffAlpha(alphaTally(ratingsOf([['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']])))).toBeCloseTo(8 / 15, 14);
  });

  it('is 1 for perfect agreement with some variation, even with values missing', () => {
    const data = ratingsOf([
      ['O', 'ACTOR', _, 'DATE'],
      ['O', 'ACTOR', 'O', _],
      [_, 'ACTOR', 'O', 'DATE'],
    ]);
    expect(krippendorffAlpha(alphaTally(data))).toBe(1);
  });

  it('is undefined (null) with a single value throughout, or nothing pairable', () => {
    expect(krippendorffAlpha(alphaTally(ratingsOf([['O', 'O'], ['O', 'O']])))).toBeNull();
    expect(krippendorffAlpha(alphaTally(ratingsOf([['O', _], [_, 'ACTOR']])))).toBeNull();
    expect(krippendorffAlpha(alphaTally([]))).toBeNull();
  });

  it('ignores a unit only one coder coded', () => {
    const base = ratingsOf([['A', 'B', 'A'], ['A', 'B', 'B']]);
    expect(krippendorffAlpha(alphaTally([...base, { labels: ['B', _], count: 4 }]))).toBe(krippendorffAlpha(alphaTally(base)));
  });
});

describe('ratings tables', () => {
  it('give the same alpha folded as unfolded', () => {
    const data = ratingsOf([
      ['O', 'ACTOR', 'ACTOR', 'O', 'O', _, 'DATE'],
      ['O', 'ACTOR', 'O', 'O', 'O', 'DATE', 'DATE'],
      ['O', _, 'ACTOR', 'O', 'O', 'DATE', _],
    ]);
    expect(krippendorffAlpha(alphaTally(foldRatings(data)))).toBeCloseTo(krippendorffAlpha(alphaTally(data)) ?? NaN, 14);
  });

  it('count a row with a count as that many units', () => {
    const folded = [
      { labels: ['O', 'O', null], count: 5 },
      { labels: ['ACTOR', 'O', 'ACTOR'], count: 2 },
      { labels: ['DATE', null, null], count: 3 },
    ];
    const unfolded = folded.flatMap((item) => Array.from({ length: item.count }, () => ({ labels: item.labels, count: 1 })));
    const [a, b] = [alphaTally(folded), alphaTally(unfolded)];
    expect(a.pairable).toBe(b.pairable);
    expect(a.coinciding).toBeCloseTo(b.coinciding, 12);
    expect(a.values).toEqual(b.values);
  });
});

describe('properties', () => {
  const valueArb = fc.option(fc.constantFrom('O', 'ACTOR', 'DATE'), { freq: 4 });

  it('identical coders give 1 whenever alpha is defined', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('O', 'ACTOR', 'DATE'), { maxLength: 30 }), fc.integer({ min: 2, max: 4 }), (labels, coders) => {
        const alpha = krippendorffAlpha(alphaTally(ratingsOf(Array.from({ length: coders }, () => labels))));
        expect(alpha).toBe(new Set(labels).size > 1 ? 1 : null);
      }),
    );
  });

  it('does not depend on the order of coders within a unit, and never exceeds 1', () => {
    fc.assert(
      fc.property(fc.array(fc.array(valueArb, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (data) => {
        const alpha = krippendorffAlpha(alphaTally(data.map((labels) => ({ labels, count: 1 }))));
        const reversed = krippendorffAlpha(alphaTally(data.map((labels) => ({ labels: [...labels].reverse(), count: 1 }))));
        if (alpha === null) expect(reversed).toBeNull();
        else {
          expect(reversed).toBeCloseTo(alpha, 12);
          expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
