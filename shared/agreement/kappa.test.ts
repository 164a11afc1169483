import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { categoryKappa, cohenKappa, kappaTally } from './kappa';
import { foldRatings, ratingsOf } from './ratings';

/*
 * Reference values from scikit-learn 1.2.1 (Debian's python3-sklearn, /usr/bin/python3), computed
 * once with:
 *
 *   from sklearn.metrics import cohen_kappa_score as k
 *   multi_a = ['O','O','ACTOR','ACTOR','LOCATION','O','DATE','O','CASUALTY','CASUALTY','O','LOCATION']
 *   multi_b = ['O','ACTOR','ACTOR','ACTOR','LOCATION','O','O','O','CASUALTY','ACTOR','O','DATE']
 *   skew_a = ['O']*90 + ['ACTOR']*6 + ['LOCATION']*4
 *   skew_b = ['O']*88 + ['ACTOR']*2 + ['ACTOR']*5 + ['O'] + ['LOCATION']*4
 *   chance_a = ['ACTOR','ACTOR','O','O']; chance_b = ['ACTOR','O','ACTOR','O']
 *   opp_a = ['ACTOR','O']; opp_b = ['O','ACTOR']
 *   k(multi_a, multi_b)      # 0.5471698113207548
 *   k(skew_a, skew_b)        # 0.84472049689441
 *   k(multi_a, multi_a)      # 1.0
 *   k(chance_a, chance_b)    # 0.0
 *   k(opp_a, opp_b)          # -1.0
 *   k(['O']*5, ['O']*5)      # nan (RuntimeWarning: invalid value encountered in scalar divide)
 *   for L in ['ACTOR','LOCATION','DATE','CASUALTY']:
 *       k([x==L for x in multi_a], [x==L for x in multi_b])
 *                            # 0.5714285714285714, 0.625, -0.09090909090909105, 0.625
 *   for L in ['ACTOR','LOCATION']:
 *       k([x==L for x in skew_a], [x==L for x in skew_b])
 *                            # 0.7532894736842105, 1.0
 */
const MULTI_A = ['O', 'O', 'ACTOR', 'ACTOR', 'LOCATION', 'O', 'DATE', 'O', 'CASUALTY', 'CASUALTY', 'O', 'LOCATION'];
const MULTI_B = ['O', 'ACTOR', 'ACTOR', 'ACTOR', 'LOCATION', 'O', 'O', 'O', 'CASUALTY', 'ACTOR', 'O', 'DATE'];
const repeat = (label: string, times: number) => Array<string>(times).fill(label);
const SKEW_A = [...repeat('O', 90), ...repeat('ACTOR', 6), ...repeat('LOCATION', 4)];
const SKEW_B = [...repeat('O', 88), ...repeat('ACTOR', 7), 'O', ...repeat('LOCATION', 4)];

const tally = (a: string[], b: string[]) => kappaTally(ratingsOf([a, b]));
const kappa = (a: string[], b: string[]) => cohenKappa(tally(a, b));

describe('cohenKappa matches scikit-learn', () => {
  it.each([
    ['multi-class', MULTI_A, MULTI_B, 0.5471698113207548],
    ['skewed towards O', SKEW_A, SKEW_B, 0.84472049689441],
    ['perfect', MULTI_A, MULTI_A, 1],
    ['chance level', ['ACTOR', 'ACTOR', 'O', 'O'], ['ACTOR', 'O', 'ACTOR', 'O'], 0],
    ['opposite', ['ACTOR', 'O'], ['O', 'ACTOR'], -1],
  ])('%s', (_, a, b, expected) => {
    expect(kappa(a, b)).toBeCloseTo(expected, 14);
  });

  it.each([
    ['ACTOR', 0.5714285714285714],
    ['LOCATION', 0.625],
    ['DATE', -0.09090909090909105],
    ['CASUALTY', 0.625],
  ])('per label, multi-class: %s', (label, expected) => {
    expect(categoryKappa(tally(MULTI_A, MULTI_B), label)).toBeCloseTo(expected, 14);
  });

  it.each([
    ['ACTOR', 0.7532894736842105],
    ['LOCATION', 1],
  ])('per label, skewed: %s', (label, expected) => {
    expect(categoryKappa(tally(SKEW_A, SKEW_B), label)).toBeCloseTo(expected, 14);
  });

  it('is undefined (null; NaN in scikit-learn) when both use one category throughout', () => {
    expect(kappa(repeat('O', 5), repeat('O', 5))).toBeNull();
    expect(kappa([], [])).toBeNull();
  });
});

describe('categoryKappa', () => {
  it('is undefined for a category neither annotator used', () => {
    expect(categoryKappa(tally(MULTI_A, MULTI_B), 'WEAPON')).toBeNull();
  });

  it('is 0 for a category only one annotator used', () => {
    expect(categoryKappa(tally(['O', 'ACTOR', 'O'], ['O', 'O', 'O']), 'ACTOR')).toBe(0);
  });
});

describe('ratings tables', () => {
  it('give the same kappa folded as unfolded', () => {
    const folded = foldRatings(ratingsOf([SKEW_A, SKEW_B]));
    expect(folded.length).toBeLessThan(10);
    expect(kappaTally(folded)).toEqual(tally(SKEW_A, SKEW_B));
  });

  it('leave out items either rater did not rate', () => {
    const withGaps = kappaTally(ratingsOf([[...MULTI_A, null, 'O'], [...MULTI_B, 'O', null]]));
    expect(withGaps).toEqual(tally(MULTI_A, MULTI_B));
  });

  it('compares any two raters of a larger table', () => {
    const table = ratingsOf([SKEW_B, SKEW_A, SKEW_B]);
    expect(cohenKappa(kappaTally(table, 1, 2))).toBe(kappa(SKEW_A, SKEW_B));
  });

  it('counts a folded row as that many items', () => {
    const folded = [
      { labels: ['O', 'O'], count: 88 },
      { labels: ['ACTOR', 'O'], count: 2 },
      { labels: ['ACTOR', 'ACTOR'], count: 4 },
      { labels: ['O', 'ACTOR'], count: 1 },
      { labels: ['ACTOR', 'O'], count: 0 },
      { labels: ['LOCATION', 'ACTOR'], count: 1 },
      { labels: ['LOCATION', 'LOCATION'], count: 3 },
      { labels: ['LOCATION', 'O'], count: 1 },
    ];
    const unfolded = folded.flatMap(({ labels, count }) => Array.from({ length: count }, () => labels));
    expect(kappaTally(folded)).toEqual(tally(unfolded.map(([x]) => x), unfolded.map(([, y]) => y)));
  });
});

describe('properties', () => {
  const labelsArb = fc.array(fc.constantFrom('O', 'ACTOR', 'DATE'), { minLength: 1, maxLength: 40 });

  it('identical sequences have kappa 1 unless only one category occurs', () => {
    fc.assert(
      fc.property(labelsArb, (labels) => {
        expect(kappa(labels, labels)).toBe(new Set(labels).size > 1 ? 1 : null);
      }),
    );
  });

  it('kappa is symmetric and at most 1', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (a, b) => {
        const n = Math.min(a.length, b.length);
        const [x, y] = [a.slice(0, n), b.slice(0, n)];
        expect(kappa(y, x)).toBe(kappa(x, y));
        expect(kappa(x, y) ?? 0).toBeLessThanOrEqual(1);
        for (const label of ['ACTOR', 'DATE']) {
          expect(categoryKappa(tally(y, x), label)).toBe(categoryKappa(tally(x, y), label));
        }
      }),
    );
  });

  it('per-label kappa equals kappa of the binarised sequences', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (a, b) => {
        const n = Math.min(a.length, b.length);
        const [x, y] = [a.slice(0, n), b.slice(0, n)];
        const binary = (labels: string[]) => labels.map((l) => (l === 'ACTOR' ? 'yes' : 'no'));
        const expected = kappa(binary(x), binary(y));
        const actual = categoryKappa(tally(x, y), 'ACTOR');
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 12);
      }),
    );
  });
});
