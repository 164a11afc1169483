import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rangesOverlap } from '../spans';
import { withoutOverlaps, type Suggestion } from './suggestion';

const suggestion = (start: number, end: number, label: string, score = 0.5): Suggestion => ({
  start,
  end,
  label,
  score,
  source: 'test',
  text: '',
});

describe('withoutOverlaps', () => {
  const byScore = (a: Suggestion, b: Suggestion) => b.score - a.score;

  it('keeps the preferred of two overlapping suggestions of one label, and nested ones of another', () => {
    const kept = withoutOverlaps(
      [suggestion(0, 10, 'CASUALTY', 0.6), suggestion(3, 12, 'CASUALTY', 0.9), suggestion(3, 10, 'ACTOR', 0.5)],
      byScore,
    );
    expect(kept.map((s) => [s.start, s.label])).toEqual([
      [3, 'CASUALTY'],
      [3, 'ACTOR'],
    ]);
  });

  it('never leaves two suggestions of one label overlapping, and drops only overlapping ones', () => {
    const arbitrary = fc.array(
      fc.record({ start: fc.nat(50), length: fc.integer({ min: 1, max: 10 }), label: fc.constantFrom('A', 'B'), score: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arbitrary, (items) => {
        const input = items.map((item) => suggestion(item.start, item.start + item.length, item.label, item.score));
        const kept = withoutOverlaps(input, byScore);
        for (const a of kept) for (const b of kept) if (a !== b && a.label === b.label) expect(rangesOverlap(a, b)).toBe(false);
        for (const dropped of input.filter((s) => !kept.includes(s))) {
          expect(kept.some((k) => k.label === dropped.label && rangesOverlap(k, dropped))).toBe(true);
        }
      }),
    );
  });
});
