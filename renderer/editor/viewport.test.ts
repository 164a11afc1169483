import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { blocksInBand, covers } from './viewport';

/** Blocks stacked down the page from `top`, with these heights. */
function stacked(heights: number[], top: number) {
  const extents: Array<{ top: number; bottom: number }> = [];
  let y = top;
  for (const height of heights) {
    extents.push({ top: y, bottom: y + height });
    y += height;
  }
  return extents;
}

describe('blocksInBand', () => {
  it('finds the blocks reaching into the band', () => {
    const blocks = stacked([100, 100, 100, 100, 100], -150);
    // -150..-50, -50..50, 50..150, 150..250, 250..350
    expect(blocksInBand(blocks.length, (i) => blocks[i]!, 0, 200)).toEqual([1, 3]);
  });

  it('gives the nearest block when none reaches the band', () => {
    const blocks = stacked([10, 10, 10], 1000);
    expect(blocksInBand(blocks.length, (i) => blocks[i]!, 0, 500)).toEqual([0, 0]);
    const above = stacked([10, 10, 10], -1000);
    expect(blocksInBand(above.length, (i) => above[i]!, 0, 500)).toEqual([2, 2]);
  });

  it('agrees with looking at every block, and looks at few of them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -2000, max: 5000 }),
        fc.nat(3000),
        (heights, top, bandTop, bandHeight) => {
          const blocks = stacked(heights, top);
          let looked = 0;
          const [first, last] = blocksInBand(blocks.length, (i) => (looked++, blocks[i]!), bandTop, bandTop + bandHeight);
          const inBand = blocks.map((b, i) => [b, i] as const).filter(([b]) => b.bottom >= bandTop && b.top <= bandTop + bandHeight).map(([, i]) => i);
          if (inBand.length > 0) expect([first, last]).toEqual([inBand[0], inBand.at(-1)]);
          else expect(first).toBe(last);
          expect(looked).toBeLessThanOrEqual(2 * (Math.ceil(Math.log2(blocks.length + 1)) + 1));
        },
      ),
    );
  });
});

describe('covers', () => {
  it('holds when the inner range lies inside the outer one', () => {
    expect(covers({ from: 0, to: 10 }, { from: 2, to: 10 })).toBe(true);
    expect(covers({ from: 3, to: 10 }, { from: 2, to: 5 })).toBe(false);
    expect(covers(null, { from: 2, to: 5 })).toBe(false);
  });
});
