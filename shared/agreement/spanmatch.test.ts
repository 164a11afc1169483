import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../types';
import { span } from './fixture';
import { corpusSpanAgreement, countMatches, matchSpans, prf, spanAgreement } from './spanmatch';

const LABELS = ['ACTOR', 'LOCATION', 'DATE'];

/** Random layers of up to 12 spans over a 30-code-point text: many overlaps and ties. */
const layerArb = (annotator: string) =>
  fc.array(
    fc
      .tuple(fc.nat(29), fc.integer({ min: 1, max: 10 }), fc.constantFrom(...LABELS))
      .map(([start, length, label]) => span(start, Math.min(30, start + length), label, annotator)),
    { maxLength: 12 },
  );

const ids = (pairs: Array<[Span, Span]>) => pairs.map(([r, p]) => [r.id, p.id]);

describe('prf', () => {
  it('scores counts', () => {
    expect(prf({ tp: 3, fp: 1, fn: 2 })).toEqual({ tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: 6 / 9 });
  });

  it('has no scores when neither layer has a span', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
  });

  it('leaves precision undefined for an empty prediction, and F1 at 0', () => {
    expect(prf({ tp: 0, fp: 0, fn: 4 })).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 4, fn: 0 })).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });
});

describe('exact matching', () => {
  it('needs the same start, end and label', () => {
    const a = [span(0, 5, 'ACTOR'), span(10, 15, 'LOCATION'), span(20, 25, 'DATE')];
    const b = [span(0, 5, 'ACTOR', 'b'), span(10, 16, 'LOCATION', 'b'), span(20, 25, 'ACTOR', 'b')];
    const result = spanAgreement(a, b, 'exact');
    expect(result.overall).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(result.perLabel.ACTOR).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(result.perLabel.LOCATION).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(result.perLabel.DATE).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
  });

  it('pairs duplicates one to one', () => {
    const a = [span(0, 5, 'ACTOR', 'a', { id: 'a1' }), span(0, 5, 'ACTOR', 'a', { id: 'a2' })];
    const b = [span(0, 5, 'ACTOR', 'b')];
    expect(countMatches(a, b, 'exact').get('ACTOR')).toEqual({ tp: 1, fp: 0, fn: 1 });
  });
});

describe('overlap matching', () => {
  it('matches intersecting spans of the same label only', () => {
    const a = [span(0, 5, 'ACTOR'), span(10, 15, 'LOCATION')];
    const b = [span(3, 8, 'ACTOR', 'b'), span(12, 20, 'ACTOR', 'b'), span(5, 10, 'LOCATION', 'b')];
    expect(spanAgreement(a, b, 'overlap').overall).toMatchObject({ tp: 1, fp: 2, fn: 1 });
  });

  it('does not count touching ranges as overlapping', () => {
    expect(matchSpans([span(0, 5, 'ACTOR')], [span(5, 9, 'ACTOR', 'b')], 'overlap')).toEqual([]);
  });

  it('takes the largest overlap first, one to one', () => {
    const a = [span(0, 10, 'ACTOR', 'a', { id: 'wide' })];
    const b = [span(0, 3, 'ACTOR', 'b', { id: 'small' }), span(2, 10, 'ACTOR', 'b', { id: 'big' })];
    expect(ids(matchSpans(a, b, 'overlap'))).toEqual([['wide', 'big']]);
    expect(countMatches(a, b, 'overlap').get('ACTOR')).toEqual({ tp: 1, fp: 1, fn: 0 });
  });

  it('prefers the closer boundaries when overlaps tie, so an exact pair always matches', () => {
    const a = [span(0, 4, 'ACTOR', 'a', { id: 'r' })];
    const b = [span(0, 8, 'ACTOR', 'b', { id: 'long' }), span(0, 4, 'ACTOR', 'b', { id: 'same' })];
    expect(ids(matchSpans(a, b, 'overlap'))).toEqual([['r', 'same']]);
  });

  it('lets a later greedy choice fill what an earlier one left', () => {
    // a1–b1 overlaps by 6, the most; a2 then only has b2 left.
    const a = [span(0, 8, 'ACTOR', 'a', { id: 'a1' }), span(9, 14, 'ACTOR', 'a', { id: 'a2' })];
    const b = [span(2, 10, 'ACTOR', 'b', { id: 'b1' }), span(12, 20, 'ACTOR', 'b', { id: 'b2' })];
    expect(ids(matchSpans(a, b, 'overlap'))).toEqual([
      ['a1', 'b1'],
      ['a2', 'b2'],
    ]);
  });
});

describe('corpus scores', () => {
  it('sums counts over documents before dividing (micro average)', () => {
    const result = corpusSpanAgreement(
      [
        { reference: [span(0, 5, 'ACTOR')], prediction: [span(0, 5, 'ACTOR', 'b')] },
        {
          reference: [span(0, 5, 'ACTOR'), span(6, 9, 'DATE'), span(10, 12, 'DATE')],
          prediction: [span(6, 9, 'DATE', 'b')],
        },
        { reference: [], prediction: [] },
      ],
      'exact',
    );
    expect(result.overall).toMatchObject({ tp: 2, fp: 0, fn: 2, precision: 1, recall: 0.5 });
    expect(result.overall.f1).toBeCloseTo(2 / 3, 12);
    expect(result.perLabel.DATE).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });

  it('has no scores for a corpus without spans', () => {
    expect(corpusSpanAgreement([{ reference: [], prediction: [] }], 'overlap')).toEqual({
      overall: { tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null },
      perLabel: {},
    });
  });
});

describe('edge cases', () => {
  it('scores one empty layer as F1 0', () => {
    const a = [span(0, 5, 'ACTOR')];
    expect(spanAgreement(a, [], 'exact').overall).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(spanAgreement([], a, 'overlap').overall).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });

  it('scores a label only one annotator used as 0 for that label', () => {
    const a = [span(0, 5, 'ACTOR'), span(6, 9, 'DATE')];
    const b = [span(0, 5, 'ACTOR', 'b')];
    expect(spanAgreement(a, b, 'exact').perLabel.DATE).toMatchObject({ tp: 0, fn: 1, f1: 0 });
  });

  it('matches nested spans of different labels within their own label', () => {
    const a = [span(0, 20, 'CASUALTY'), span(3, 20, 'ACTOR')];
    const b = [span(0, 20, 'CASUALTY', 'b'), span(3, 12, 'ACTOR', 'b')];
    expect(spanAgreement(a, b, 'exact').overall).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(spanAgreement(a, b, 'overlap').overall).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
  });
});

describe('properties', () => {
  const modes = ['exact', 'overlap'] as const;

  it('identical layers have F1 = 1 (or none when empty)', () => {
    fc.assert(
      fc.property(layerArb('a'), fc.constantFrom(...modes), (layer, mode) => {
        const copy = layer.map((s) => ({ ...s, annotator: 'b', id: `b${s.id}` }));
        const { f1 } = spanAgreement(layer, copy, mode).overall;
        expect(f1).toBe(layer.length === 0 ? null : 1);
      }),
    );
  });

  it('F1 is symmetric, between 0 and 1, and swapping the layers swaps fp and fn', () => {
    fc.assert(
      fc.property(layerArb('a'), layerArb('b'), fc.constantFrom(...modes), (a, b, mode) => {
        const ab = spanAgreement(a, b, mode);
        const ba = spanAgreement(b, a, mode);
        expect(ba.overall.f1).toBe(ab.overall.f1);
        expect([ba.overall.tp, ba.overall.fp, ba.overall.fn]).toEqual([ab.overall.tp, ab.overall.fn, ab.overall.fp]);
        for (const [label, scores] of Object.entries(ab.perLabel)) expect(ba.perLabel[label].f1).toBe(scores.f1);
        if (ab.overall.f1 !== null) {
          expect(ab.overall.f1).toBeGreaterThanOrEqual(0);
          expect(ab.overall.f1).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('overlap matching is one to one, same-label, intersecting, and finds every exact match', () => {
    fc.assert(
      fc.property(layerArb('a'), layerArb('b'), (a, b) => {
        const pairs = matchSpans(a, b, 'overlap');
        expect(new Set(pairs.map(([r]) => r)).size).toBe(pairs.length);
        expect(new Set(pairs.map(([, p]) => p)).size).toBe(pairs.length);
        for (const [r, p] of pairs) {
          expect(r.label).toBe(p.label);
          expect(Math.min(r.end, p.end)).toBeGreaterThan(Math.max(r.start, p.start));
        }
        expect(pairs.length).toBeGreaterThanOrEqual(matchSpans(a, b, 'exact').length);
      }),
    );
  });

  it('leaves no unmatched pair that could still have matched (the matching is maximal)', () => {
    fc.assert(
      fc.property(layerArb('a'), layerArb('b'), (a, b) => {
        const pairs = matchSpans(a, b, 'overlap');
        const freeA = a.filter((s) => !pairs.some(([r]) => r === s));
        const freeB = b.filter((s) => !pairs.some(([, p]) => p === s));
        for (const r of freeA) {
          for (const p of freeB) expect(r.label === p.label && r.start < p.end && p.start < r.end).toBe(false);
        }
      }),
    );
  });
});
