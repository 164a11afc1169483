import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flatten } from './flatten';

const span = (start: number, end: number, label: string) => ({ start, end, label });

describe('flatten', () => {
  it('keeps the outermost span by default', () => {
    const casualty = span(0, 20, 'CASUALTY');
    const actor = span(3, 20, 'ACTOR');
    const place = span(24, 29, 'LOCATION');
    expect(flatten([actor, place, casualty])).toEqual({ kept: [casualty, place], dropped: [actor] });
  });

  it('keeps the innermost span when asked', () => {
    expect(flatten([span(0, 20, 'CASUALTY'), span(3, 20, 'ACTOR')], { prefer: 'innermost' }).kept).toEqual([span(3, 20, 'ACTOR')]);
  });

  it('breaks ties by earlier start, then label order, then name, then input order', () => {
    expect(flatten([span(2, 6, 'B'), span(0, 4, 'B')]).kept).toEqual([span(0, 4, 'B')]);
    expect(flatten([span(0, 4, 'DATE'), span(0, 4, 'ACTOR')], { labelOrder: ['DATE', 'ACTOR'] }).kept).toEqual([span(0, 4, 'DATE')]);
    expect(flatten([span(0, 4, 'DATE'), span(0, 4, 'ACTOR')]).kept).toEqual([span(0, 4, 'ACTOR')]);
    const first = { ...span(0, 4, 'A'), id: 1 };
    expect(flatten([first, { ...span(0, 4, 'A'), id: 2 }]).kept).toEqual([first]);
  });

  it('lets touching spans both stay', () => {
    expect(flatten([span(0, 4, 'A'), span(4, 8, 'A')]).dropped).toEqual([]);
  });

  it('keeps non-overlapping spans, loses none, and drops only what overlaps a kept span at least as preferred', () => {
    const spans = fc.array(
      fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 15 }), fc.constantFrom('A', 'B', 'C')).map(([start, length, label]) => span(start, start + length, label)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(spans, (input) => {
        const { kept, dropped } = flatten(input, { labelOrder: ['C', 'A'] });
        expect(kept.length + dropped.length).toBe(input.length);
        kept.forEach((a, i) => {
          if (i > 0) expect(kept[i - 1].end).toBeLessThanOrEqual(a.start);
        });
        for (const lost of dropped) {
          const blocked = kept.some((k) => k.start < lost.end && lost.start < k.end && k.end - k.start >= lost.end - lost.start);
          expect(blocked).toBe(true);
        }
      }),
    );
  });
});
