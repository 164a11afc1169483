import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fleissKappa, fleissTally as tallyOf } from './fleiss';
import { foldRatings, ratingsOf } from './ratings';

const fleissTally = (labelsByRater: string[][]) => tallyOf(ratingsOf(labelsByRater));

/**
 * Rater label sequences from a subjects × categories table of counts: subject i's ratings are
 * handed to raters 0, 1, ... in category order (Fleiss' kappa does not follow raters).
 */
function ratersFromTable(table: number[][], categories: string[]): string[][] {
  const raters = table[0].reduce((a, b) => a + b, 0);
  const sequences = Array.from({ length: raters }, () => [] as string[]);
  for (const row of table) {
    const ratings = row.flatMap((count, j) => Array<string>(count).fill(categories[j]));
    ratings.forEach((category, r) => sequences[r].push(category));
  }
  return sequences;
}

describe('fleissKappa', () => {
  it('reproduces the worked example of Wikipedia\'s "Fleiss\' kappa" article (κ ≈ 0.210)', () => {
    // 10 subjects, 14 raters, 5 categories. P̄ = 0.378, P̄e = 0.213; numpy gives
    // κ = 0.20993070442195522 for the same formulas.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const kappa = fleissKappa(fleissTally(ratersFromTable(table, ['1', '2', '3', '4', '5'])));
    expect(kappa).toBeCloseTo(0.20993070442195522, 14);
    expect(kappa?.toFixed(3)).toBe('0.210');
  });

  it('is 1 when all raters agree on every token and more than one label occurs', () => {
    const labels = ['O', 'ACTOR', 'ACTOR', 'O', 'DATE'];
    expect(fleissKappa(fleissTally([labels, labels, labels]))).toBe(1);
  });

  it('is undefined (null) when every rating is the same label, or there are no tokens', () => {
    expect(fleissKappa(fleissTally([['O', 'O'], ['O', 'O'], ['O', 'O']]))).toBeNull();
    expect(fleissKappa(fleissTally([[], [], []]))).toBeNull();
    expect(fleissKappa(fleissTally([]))).toBeNull();
  });

  it('computes a hand-worked case below chance', () => {
    // Subjects (A,A,B) and (B,B,A): P_i = (2·1)/(3·2) = 1/3 each, so P̄ = 1/3; p_A = p_B = 1/2,
    // P̄e = 1/2; κ = (1/3 − 1/2) / (1 − 1/2) = −1/3.
    expect(fleissKappa(fleissTally([['A', 'B'], ['A', 'B'], ['B', 'A']]))).toBeCloseTo(-1 / 3, 14);
  });

  it('computes a hand-worked three-rater token case', () => {
    // Tokens: (O,O,O) (ACTOR,ACTOR,O) (ACTOR,ACTOR,ACTOR) (O,O,O).
    // Σ n_ij(n_ij−1) = 6 + 2 + 6 + 6 = 20, P̄ = 20 / (4·3·2) = 5/6.
    // T_O = 7, T_ACTOR = 5 of 12: P̄e = (49 + 25) / 144 = 74/144.
    // κ = (120/144 − 74/144) / (70/144) = 46/70.
    const raters = [
      ['O', 'ACTOR', 'ACTOR', 'O'],
      ['O', 'ACTOR', 'ACTOR', 'O'],
      ['O', 'O', 'ACTOR', 'O'],
    ];
    expect(fleissKappa(fleissTally(raters))).toBeCloseTo(46 / 70, 14);
  });

  it('gives the same kappa folded as unfolded', () => {
    const raters = [
      ['O', 'ACTOR', 'ACTOR', 'O', 'DATE', 'O'],
      ['O', 'ACTOR', 'O', 'O', 'DATE', 'O'],
      ['O', 'ACTOR', 'ACTOR', 'O', 'O', 'O'],
    ];
    const folded = tallyOf(foldRatings(ratingsOf(raters)));
    expect(folded).toEqual(fleissTally(raters));
  });

  it('leaves out items some rater did not rate', () => {
    const complete = [['O', 'ACTOR'], ['O', 'ACTOR'], ['ACTOR', 'ACTOR']];
    const withGaps = tallyOf([...ratingsOf(complete), { labels: ['DATE', null, 'DATE'], count: 5 }]);
    expect(withGaps).toEqual(fleissTally(complete));
  });

  it('refuses rows with different numbers of raters', () => {
    expect(() => tallyOf([{ labels: ['O', 'O'], count: 1 }, { labels: ['O'], count: 1 }])).toThrow(/same raters for every item: 2 then 1/);
  });

  it('identical raters give 1 whenever it is defined', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('O', 'ACTOR', 'DATE'), { maxLength: 30 }), fc.integer({ min: 2, max: 5 }), (labels, raters) => {
        const kappa = fleissKappa(fleissTally(Array.from({ length: raters }, () => labels)));
        expect(kappa).toBe(new Set(labels).size > 1 ? 1 : null);
      }),
    );
  });
});
