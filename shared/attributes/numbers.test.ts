import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COUNT_PATTERN, parseCount } from './numbers';

describe('parseCount', () => {
  it.each([
    ['5,834', 5834],
    ['400,000', 400000],
    ['1.2 million', 1_200_000],
    ['2 million', 2_000_000],
    ['16', 16],
    ['two', 2],
    ['sixteen', 16],
    ['Seventeen', 17],
    ['twenty-five', 25],
    ['two hundred and fifty', 250],
    ['one thousand five hundred', 1500],
    ['a dozen', 12],
    ['two dozen', 24],
    ['a hundred', 100],
    ['a thousand', 1000],
    ['half a million', 500_000],
    ['three million', 3_000_000],
  ])('%s → %d', (phrase, expected) => {
    expect(parseCount(phrase)).toBe(expected);
  });

  it.each(['dozens', 'hundreds', 'tens of thousands', 'some', '', 'civilians', 'constructor', '__proto__', '1,2,3', '5 apples'])(
    'leaves "%s" without a count',
    (phrase) => {
      expect(parseCount(phrase)).toBeUndefined();
    },
  );

  it('reads back every integer written with thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (n) => {
        expect(parseCount(n.toLocaleString('en-US'))).toBe(n);
      }),
    );
  });

  it('matches the whole of a spelled-out count, not a prefix of it', () => {
    const count = new RegExp(`^(?:${COUNT_PATTERN})$`, 'iu');
    for (const phrase of ['seventeen', 'seventy-seven', 'nineteen', 'two hundred and fifty', 'a dozen', '1.2 million']) {
      expect(count.test(phrase), phrase).toBe(true);
    }
  });
});
