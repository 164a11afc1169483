import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../types';
import { span } from './fixture';
import { majorityLayer } from './majority';

const keys = (layers: Record<string, Span[]>) => majorityLayer(layers).map((c) => `${c.start}-${c.end} ${c.label} ${Object.keys(c.spans).join('')}`);

describe('majorityLayer', () => {
  it('keeps what more than half of the annotators have identically', () => {
    const layers = {
      a: [span(0, 5, 'ACTOR', 'a'), span(6, 9, 'DATE', 'a'), span(20, 25, 'LOCATION', 'a')],
      b: [span(0, 5, 'ACTOR', 'b'), span(6, 10, 'DATE', 'b'), span(20, 25, 'ACTOR', 'b')],
      c: [span(6, 9, 'DATE', 'c'), span(20, 25, 'LOCATION', 'c')],
    };
    expect(keys(layers)).toEqual(['0-5 ACTOR ab', '6-9 DATE ac', '20-25 LOCATION ac']);
  });

  it('counts only annotators who worked on the document, empty layers included', () => {
    expect(keys({ a: [span(0, 5, 'ACTOR', 'a')], b: [span(0, 5, 'ACTOR', 'b')] })).toEqual(['0-5 ACTOR ab']);
    expect(keys({ a: [span(0, 5, 'ACTOR', 'a')], b: [span(0, 5, 'ACTOR', 'b')], c: [], d: [] })).toEqual([]);
    expect(keys({ a: [span(0, 5, 'ACTOR', 'a')], b: [] })).toEqual([]);
  });

  it('is the one layer when one annotator worked on the document, and empty when none did', () => {
    expect(keys({ a: [span(6, 9, 'DATE', 'a'), span(0, 5, 'ACTOR', 'a')] })).toEqual(['0-5 ACTOR a', '6-9 DATE a']);
    expect(majorityLayer({})).toEqual([]);
  });

  it('counts an annotator once even if their layer holds a span twice', () => {
    expect(keys({ a: [span(0, 5, 'ACTOR', 'a'), span(0, 5, 'ACTOR', 'a')], b: [], c: [] })).toEqual([]);
  });

  it('keeps nested spans of different labels apart', () => {
    const layer = (who: string) => [span(0, 20, 'CASUALTY', who), span(3, 20, 'ACTOR', who)];
    expect(keys({ a: layer('a'), b: layer('b'), c: [] })).toEqual(['0-20 CASUALTY ab', '3-20 ACTOR ab']);
  });

  it('holds every span of identical layers', () => {
    const layerArb = fc.uniqueArray(
      fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 5 }), fc.constantFrom('ACTOR', 'DATE')),
      { selector: ([s, l, label]) => `${s}:${l}:${label}`, maxLength: 8 },
    );
    fc.assert(
      fc.property(layerArb, fc.integer({ min: 1, max: 4 }), (ranges, annotators) => {
        const layers = Object.fromEntries(
          Array.from({ length: annotators }, (_, i) => [`x${i}`, ranges.map(([s, l, label]) => span(s, s + l, label, `x${i}`))]),
        );
        expect(majorityLayer(layers)).toHaveLength(ranges.length);
      }),
    );
  });
});
