import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { nestingDepths, nestingDepthsAfter, type SpanExtent } from './nesting';

const span = (id: string, start: number, end: number): SpanExtent => ({ id, start, end });

describe('nestingDepths', () => {
  it('counts the spans that contain each span', () => {
    const depths = nestingDepths([span('inner', 3, 10), span('outer', 0, 20), span('innermost', 5, 8), span('apart', 30, 40)]);
    expect(Object.fromEntries(depths)).toEqual({ outer: 0, inner: 1, innermost: 2, apart: 0 });
  });

  it('treats a shared start or end as containment and partial overlap as none', () => {
    const depths = nestingDepths([span('a', 0, 10), span('b', 0, 5), span('c', 5, 10), span('d', 8, 15)]);
    expect(Object.fromEntries(depths)).toEqual({ a: 0, b: 1, c: 1, d: 0 });
  });

  it('orders two spans with the same extent by id', () => {
    expect(Object.fromEntries(nestingDepths([span('y', 2, 4), span('x', 2, 4)]))).toEqual({ x: 0, y: 1 });
  });

  it('agrees with counting containers one by one', () => {
    const extent = fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 12 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(extent, { maxLength: 25 }), (extents) => {
        const spans = extents.map((e, i) => span(`s${String(i).padStart(2, '0')}`, e.start, e.end));
        const contains = (a: SpanExtent, b: SpanExtent) =>
          a !== b && a.start <= b.start && a.end >= b.end && (a.start < b.start || a.end > b.end || a.id < b.id);
        const depths = nestingDepths(spans);
        for (const s of spans) expect(depths.get(s.id)).toBe(spans.filter((other) => contains(other, s)).length);
      }),
    );
  });

  it('is worked out from the depths before when a few spans go, come or move', () => {
    const extent = fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 12 })).map(([start, length]) => ({ start, end: start + length }));
    const spansOf = (extents: Array<{ start: number; end: number }>, prefix: string) => extents.map((e, i) => span(`${prefix}${i}`, e.start, e.end));
    fc.assert(
      fc.property(fc.array(extent, { maxLength: 20 }), fc.array(extent, { maxLength: 4 }), fc.nat(4), fc.array(fc.tuple(fc.nat(19), extent), { maxLength: 3 }), (kept, added, dropped, moved) => {
        const before = spansOf(kept, 'k');
        const moves = new Map(moved.map(([i, e]) => [`k${i}`, e]));
        const after = [
          ...before.slice(dropped).map((s) => (moves.has(s.id) ? { ...s, ...moves.get(s.id)! } : s)),
          ...spansOf(added, 'a'),
        ];
        const byId = (list: SpanExtent[]) => new Map(list.map((s) => [s.id, s]));
        const [was, is] = [byId(before), byId(after)];
        const gone = before.filter((s) => is.get(s.id) !== s);
        const come = after.filter((s) => was.get(s.id) !== s);
        const update = nestingDepthsAfter(nestingDepths(before), was, is, gone, come);
        const expected = nestingDepths(after);
        expect(update.depths).toEqual(expected);
        // Every span whose depth changed is named.
        for (const s of after) if (nestingDepths(before).get(s.id) !== expected.get(s.id)) expect(update.changed.has(s.id)).toBe(true);
      }),
    );
  });
});
