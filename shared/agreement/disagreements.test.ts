import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../types';
import { span } from './fixture';
import { agreed, disagreements, type Disagreement } from './disagreements';

/** A disagreement in short: kind, range, and each annotator's spans as "start-end LABEL". */
const brief = (d: Disagreement) => ({
  id: d.id,
  kind: d.kind,
  range: `${d.start}-${d.end}`,
  spans: Object.fromEntries(Object.entries(d.spans).map(([a, list]) => [a, list.map((s) => `${s.start}-${s.end} ${s.label}`)])),
});
const find = (layers: Record<string, Span[]>) => disagreements(layers).map(brief);

describe('disagreements', () => {
  it('finds nothing with fewer than two annotators', () => {
    expect(disagreements({})).toEqual([]);
    expect(disagreements({ a: [span(0, 5, 'ACTOR')] })).toEqual([]);
  });

  it('finds nothing in identical layers, nested spans included', () => {
    const layer = (who: string) => [span(0, 20, 'CASUALTY', who), span(3, 20, 'ACTOR', who), span(25, 30, 'DATE', who)];
    expect(disagreements({ a: layer('a'), b: layer('b'), c: layer('c') })).toEqual([]);
    expect(disagreements({ a: [], b: [] })).toEqual([]);
  });

  it('finds a label disagreement at the same range', () => {
    expect(find({ a: [span(0, 5, 'ACTOR', 'a')], b: [span(0, 5, 'LOCATION', 'b')], c: [] })).toEqual([
      { id: 'label:0-5', kind: 'label', range: '0-5', spans: { a: ['0-5 ACTOR'], b: ['0-5 LOCATION'], c: [] } },
    ]);
  });

  it('lists the annotators who agree on the label within a label disagreement', () => {
    const layers = { a: [span(0, 5, 'ACTOR', 'a')], b: [span(0, 5, 'LOCATION', 'b')], c: [span(0, 5, 'ACTOR', 'c')] };
    expect(find(layers)).toEqual([
      { id: 'label:0-5', kind: 'label', range: '0-5', spans: { a: ['0-5 ACTOR'], b: ['0-5 LOCATION'], c: ['0-5 ACTOR'] } },
    ]);
  });

  it('sets aside a label everyone at the range shares: the extra one is missing, not a label disagreement', () => {
    const layers = { a: [span(0, 5, 'ACTOR', 'a'), span(0, 5, 'LOCATION', 'a')], b: [span(0, 5, 'ACTOR', 'b')] };
    expect(find(layers)).toEqual([
      { id: 'missing:LOCATION:0-5', kind: 'missing', range: '0-5', spans: { a: ['0-5 LOCATION'], b: [] } },
    ]);
  });

  it('finds a boundary disagreement, naming an annotator who has nothing there', () => {
    const layers = { a: [span(0, 5, 'ACTOR', 'a')], b: [span(0, 7, 'ACTOR', 'b')], c: [] };
    expect(find(layers)).toEqual([
      { id: 'boundary:ACTOR:0-7', kind: 'boundary', range: '0-7', spans: { a: ['0-5 ACTOR'], b: ['0-7 ACTOR'], c: [] } },
    ]);
  });

  it('chains overlapping spans into one boundary disagreement', () => {
    const layers = { a: [span(0, 5, 'ACTOR', 'a')], b: [span(4, 10, 'ACTOR', 'b')], c: [span(9, 12, 'ACTOR', 'c')] };
    expect(find(layers).map((d) => [d.id, d.kind])).toEqual([['boundary:ACTOR:0-12', 'boundary']]);
  });

  it('finds a span only some annotators have', () => {
    const layers = {
      a: [span(0, 5, 'ACTOR', 'a'), span(10, 14, 'DATE', 'a')],
      b: [span(0, 5, 'ACTOR', 'b')],
      c: [span(10, 14, 'DATE', 'c')],
    };
    expect(find(layers)).toEqual([
      { id: 'missing:ACTOR:0-5', kind: 'missing', range: '0-5', spans: { a: ['0-5 ACTOR'], b: ['0-5 ACTOR'], c: [] } },
      { id: 'missing:DATE:10-14', kind: 'missing', range: '10-14', spans: { a: ['10-14 DATE'], b: [], c: ['10-14 DATE'] } },
    ]);
  });

  it('reports every span of an annotator against an empty layer as missing', () => {
    const found = disagreements({ a: [span(0, 5, 'ACTOR', 'a'), span(8, 9, 'DATE', 'a')], b: [] });
    expect(found.map((d) => d.id)).toEqual(['missing:ACTOR:0-5', 'missing:DATE:8-9']);
  });

  it('does not match spans of different labels that merely overlap', () => {
    const layers = { a: [span(0, 5, 'ACTOR', 'a')], b: [span(2, 8, 'LOCATION', 'b')] };
    expect(find(layers).map((d) => d.id)).toEqual(['missing:ACTOR:0-5', 'missing:LOCATION:2-8']);
  });
});

describe('agreed', () => {
  it('lists what every annotator has identically, with each one\'s own span', () => {
    const layers = {
      a: [span(0, 5, 'ACTOR', 'a'), span(6, 9, 'DATE', 'a')],
      b: [span(6, 9, 'DATE', 'b'), span(0, 5, 'ACTOR', 'b')],
      c: [span(0, 5, 'ACTOR', 'c'), span(6, 10, 'DATE', 'c')],
    };
    const result = agreed(layers);
    expect(result.map((c) => `${c.start}-${c.end} ${c.label}`)).toEqual(['0-5 ACTOR']);
    expect(Object.keys(result[0].spans)).toEqual(['a', 'b', 'c']);
    expect(result[0].spans.b).toBe(layers.b[1]);
  });

  it('needs two annotators, and nothing is agreed against an empty layer', () => {
    expect(agreed({ a: [span(0, 5, 'ACTOR')] })).toEqual([]);
    expect(agreed({ a: [span(0, 5, 'ACTOR')], b: [] })).toEqual([]);
  });
});

describe('properties', () => {
  const layerArb = (annotator: string) =>
    fc.array(
      fc
        .tuple(fc.nat(29), fc.integer({ min: 1, max: 6 }), fc.constantFrom('ACTOR', 'DATE'))
        .map(([start, length, label]) => span(start, Math.min(30, start + length), label, annotator)),
      { maxLength: 6 },
    );
  const layersArb = fc.record({ a: layerArb('a'), b: layerArb('b'), c: layerArb('c') });

  it('puts each span in at most one disagreement, under unique ids, and all else is agreed', () => {
    fc.assert(
      fc.property(layersArb, (layers) => {
        const found = disagreements(layers);
        expect(new Set(found.map((d) => d.id)).size).toBe(found.length);
        const involved = found.flatMap((d) => Object.values(d.spans).flat());
        expect(new Set(involved).size).toBe(involved.length);
        const agreedKeys = new Set(agreed(layers).map((c) => `${c.start}:${c.end}:${c.label}`));
        for (const s of Object.values(layers).flat()) {
          if (!involved.includes(s)) expect(agreedKeys.has(`${s.start}:${s.end}:${s.label}`)).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order of spans within a layer', () => {
    fc.assert(
      fc.property(layersArb, (layers) => {
        const reversed = Object.fromEntries(Object.entries(layers).map(([a, list]) => [a, [...list].reverse()]));
        expect(disagreements(reversed).map(brief)).toEqual(disagreements(layers).map(brief));
      }),
    );
  });
});
