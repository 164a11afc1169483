import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tokenize } from '../tokens';
import type { Span } from '../types';
import { span } from './fixture';
import { agreementReport, type AgreementDocument } from './report';

// One token per word: "w0 w1 w2 ..." — word i covers code points [3i, 3i + 2) while i < 10.
const TEXT = Array.from({ length: 10 }, (_, i) => `w${i}`).join(' ');
const at = (word: number) => 3 * word;
/** A span over words `from` to `to` inclusive. */
const words = (from: number, to: number, label: string, annotator: string) => span(at(from), at(to) + 2, label, annotator);

const doc = (id: string, layers: Record<string, Span[]>): AgreementDocument => ({ id, text: TEXT, layers });

describe('agreementReport', () => {
  it('compares every pair on the documents both worked on', () => {
    const report = agreementReport(
      [
        doc('d1', {
          a: [words(0, 1, 'ACTOR', 'a'), words(5, 5, 'DATE', 'a')],
          b: [words(0, 1, 'ACTOR', 'b'), words(5, 6, 'DATE', 'b')],
          c: [words(0, 1, 'ACTOR', 'c')],
        }),
        doc('d2', { a: [words(2, 2, 'LOCATION', 'a')], b: [words(2, 2, 'LOCATION', 'b')] }),
        doc('d3', { c: [words(3, 3, 'ACTOR', 'c')] }),
      ],
      ['a', 'b', 'c'],
    );
    expect(report.labels).toEqual(['ACTOR', 'DATE', 'LOCATION']);
    expect(report.pairs.map((p) => [p.a, p.b, p.documents])).toEqual([
      ['a', 'b', 2],
      ['a', 'c', 1],
      ['b', 'c', 1],
    ]);
    const [ab, ac] = report.pairs;
    expect(ab.exact).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(ab.overlap).toMatchObject({ tp: 3, fp: 0, fn: 0, f1: 1 });
    expect(ab.perLabel.DATE.exact).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(ab.perLabel.DATE.overlap.f1).toBe(1);
    expect(ac.exact).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    // A label only one of the pair used: F1 0, and kappa 0 (a's DATE token against c's O).
    expect(ac.perLabel.DATE).toMatchObject({ exact: { f1: 0 }, overlap: { f1: 0 }, kappa: 0 });
    expect(ac.perLabel.LOCATION).toEqual({
      exact: { tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null },
      overlap: { tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null },
      kappa: null,
    });
  });

  it('computes token kappa per pair over the documents both worked on', () => {
    // a and b over d1 + d2 (20 tokens): they differ on token 6 only (DATE against O).
    // a: 2 ACTOR, 1 DATE, 1 LOCATION, 16 O; b: 2 ACTOR, 2 DATE, 1 LOCATION, 15 O; 19 agree.
    // p_o = 19/20; p_e = (2·2 + 1·2 + 1·1 + 16·15) / 400 = 247/400; κ = (380 − 247) / (400 − 247).
    const report = agreementReport(
      [
        doc('d1', { a: [words(0, 1, 'ACTOR', 'a'), words(5, 5, 'DATE', 'a')], b: [words(0, 1, 'ACTOR', 'b'), words(5, 6, 'DATE', 'b')] }),
        doc('d2', { a: [words(2, 2, 'LOCATION', 'a')], b: [words(2, 2, 'LOCATION', 'b')] }),
        doc('d3', { a: [words(3, 3, 'ACTOR', 'a')] }),
      ],
      ['a', 'b'],
    );
    expect(report.pairs[0].kappa).toBeCloseTo(133 / 153, 14);
    expect(report.pairs[0].perLabel.ACTOR.kappa).toBe(1);
    expect(report.pairs[0].perLabel.LOCATION.kappa).toBe(1);
    expect(report.fleiss).toBeNull();
    expect(report.alpha).not.toBeNull();
  });

  it('counts an empty layer as work done, and a missing layer as none', () => {
    const report = agreementReport(
      [doc('d1', { a: [words(0, 0, 'ACTOR', 'a')], b: [] }), doc('d2', { a: [words(0, 0, 'ACTOR', 'a')] })],
      ['a', 'b'],
    );
    expect(report.pairs[0].documents).toBe(1);
    expect(report.pairs[0].exact).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
    expect(report.pairs[0].kappa).toBe(0);
    expect(report.perDocument).toEqual([
      { id: 'd1', meanF1: 0, annotatorCount: 2 },
      { id: 'd2', meanF1: null, annotatorCount: 1 },
    ]);
  });

  it('has no scores when no one tagged anything, and ignores annotators not asked about', () => {
    const report = agreementReport([doc('d1', { a: [], b: [], z: [words(0, 0, 'ACTOR', 'z')] })], ['a', 'b']);
    expect(report.labels).toEqual([]);
    expect(report.pairs[0]).toMatchObject({ kappa: null, exact: { f1: null }, overlap: { f1: null }, perLabel: {} });
    expect(report.alpha).toBeNull();
    expect(report.perDocument).toEqual([{ id: 'd1', meanF1: null, annotatorCount: 2 }]);
  });

  it('gives identical layers F1 = 1 and kappa = 1', () => {
    const layer = (who: string) => [words(0, 3, 'CASUALTY', who), words(2, 3, 'ACTOR', who), words(7, 7, 'DATE', who)];
    const report = agreementReport([doc('d1', { a: layer('a'), b: layer('b'), c: layer('c') })], ['a', 'b', 'c']);
    for (const pair of report.pairs) expect([pair.exact.f1, pair.overlap.f1, pair.kappa]).toEqual([1, 1, 1]);
    expect([report.fleiss, report.alpha]).toEqual([1, 1]);
    expect(report.perDocument[0].meanF1).toBe(1);
  });

  it('computes Fleiss only over documents all annotators worked on, alpha over all', () => {
    const report = agreementReport(
      [
        doc('d1', { a: [words(0, 1, 'ACTOR', 'a')], b: [words(0, 1, 'ACTOR', 'b')], c: [words(0, 0, 'ACTOR', 'c')] }),
        doc('d2', { a: [words(4, 4, 'DATE', 'a')], b: [words(5, 5, 'DATE', 'b')] }),
      ],
      ['a', 'b', 'c'],
    );
    // d1, 10 tokens × 3 raters: token 0 (A,A,A), token 1 (A,A,O), 8 × (O,O,O).
    // Σ n_ij(n_ij−1) = 6 + 2 + 8·6 = 56 → P̄ = 56/60; T_A = 5, T_O = 25 → P̄e = 650/900.
    expect(report.fleiss).toBeCloseTo((56 / 60 - 650 / 900) / (1 - 650 / 900), 14);
    // Alpha adds d2 (c missing): units (D,O) and (O,D) disagree, 8 × (O,O) agree.
    // n = 30 + 20 = 50; n_A = 5, n_D = 2, n_O = 43; Σ o_cc = (6 + 2 + 48)/2 + 2·8 = 28 + 16 = 44.
    // α = 1 − 49 · (50 − 44) / (2500 − 25 − 4 − 1849).
    expect(report.alpha).toBeCloseTo(1 - (49 * 6) / (2500 - 25 - 4 - 1849), 14);
  });

  it('lists documents from least agreement up, those without a score last', () => {
    const report = agreementReport(
      [
        doc('good', { a: [words(0, 0, 'ACTOR', 'a')], b: [words(0, 0, 'ACTOR', 'b')] }),
        doc('solo', { a: [words(0, 0, 'ACTOR', 'a')] }),
        doc('bad', { a: [words(0, 0, 'ACTOR', 'a')], b: [words(1, 1, 'ACTOR', 'b')] }),
        doc('half', { a: [words(0, 0, 'ACTOR', 'a'), words(2, 2, 'DATE', 'a')], b: [words(0, 0, 'ACTOR', 'b')] }),
        doc('untouched', {}),
      ],
      ['a', 'b'],
    );
    expect(report.perDocument.map((d) => [d.id, d.meanF1])).toEqual([
      ['bad', 0],
      ['half', 2 / 3],
      ['good', 1],
      ['solo', null],
      ['untouched', null],
    ]);
  });

  it('uses the tokens given instead of tokenizing again', () => {
    const layers = { a: [words(0, 0, 'ACTOR', 'a')], b: [words(0, 1, 'ACTOR', 'b')] };
    const wholeText = [{ start: 0, end: TEXT.length, text: TEXT }];
    expect(agreementReport([{ ...doc('d', layers), tokens: wholeText }], ['a', 'b']).pairs[0].kappa).toBeNull();
    expect(agreementReport([doc('d', layers)], ['a', 'b']).pairs[0].kappa).not.toBeNull();
  });

  /** Up to 5 spans of 1–3 words, all before word `last`. */
  const layerArb = (who: string, last = 9) =>
    fc.array(
      fc.tuple(fc.nat(last), fc.nat(2), fc.constantFrom('ACTOR', 'DATE')).map(([w, extra, label]) => words(w, Math.min(last, w + extra), label, who)),
      { maxLength: 5 },
    );

  it('identical layers give F1 = 1 and kappa = 1 wherever they are defined', () => {
    fc.assert(
      // Word 9 stays untagged, so a tagged corpus always has two labels and kappa is defined.
      fc.property(fc.array(layerArb('a', 8), { minLength: 1, maxLength: 3 }), (layers) => {
        const docs = layers.map((spans, i) => doc(`d${i}`, { a: spans, b: spans.map((s) => ({ ...s, annotator: 'b' })), c: spans }));
        const report = agreementReport(docs, ['a', 'b', 'c']);
        const tagged = layers.some((spans) => spans.length > 0);
        for (const pair of report.pairs) {
          expect([pair.exact.f1, pair.overlap.f1]).toEqual(tagged ? [1, 1] : [null, null]);
          expect(pair.kappa).toBe(tagged ? 1 : null);
        }
        expect([report.fleiss, report.alpha]).toEqual(tagged ? [1, 1] : [null, null]);
      }),
    );
  });

  it('F1 is symmetric in the annotators and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: layerArb('a'), b: layerArb('b') }), { minLength: 1, maxLength: 3 }), (layerSets) => {
        const docs = layerSets.map((layers, i) => doc(`d${i}`, layers));
        const ab = agreementReport(docs, ['a', 'b']).pairs[0];
        const ba = agreementReport(docs, ['b', 'a']).pairs[0];
        expect(ba.exact.f1).toBe(ab.exact.f1);
        expect(ba.overlap.f1).toBe(ab.overlap.f1);
        expect(ba.kappa).toBe(ab.kappa);
        for (const f1 of [ab.exact.f1, ab.overlap.f1]) if (f1 !== null) expect(f1 >= 0 && f1 <= 1).toBe(true);
      }),
    );
  });
});

describe('agreementReport at scale', () => {
  it('reports on 10,000 documents × 30 spans × 3 annotators', () => {
    // Its time is a budget of the benchmark (`npm run bench`: agreement over 10,000 articles).
    const report = agreementReport(syntheticCorpus(10_000), ['a', 'b', 'c']);
    expect(report.perDocument).toHaveLength(10_000);
    expect(report.pairs[0].exact.tp).toBeGreaterThan(150_000);
    expect(report.fleiss).toBeGreaterThan(0.5);
  }, 120_000);
});

/**
 * Documents of about 2,300 characters (the size of the articles in ../shared/corpus), each with
 * 30 spans that three annotators mostly share: each drops, stretches or relabels a few. Tokens
 * are given, as the caller caches them (documents never change after import).
 */
function syntheticCorpus(count: number): AgreementDocument[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const vocabulary = ['Russian', 'warplanes', 'struck', 'Idlib', 'on', 'Tuesday', ',', 'killing', 'at', 'least', 'two', 'civilians', '.', 'pro-Assad', 'forces'];
  const labels = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];
  return Array.from({ length: count }, (_, d) => {
    const parts: string[] = [];
    for (let length = 0; length < 2300; length += parts[parts.length - 1].length + 1) parts.push(vocabulary[Math.floor(random() * vocabulary.length)]);
    const text = parts.join(' ');
    const tokens = tokenize(text);
    const step = Math.floor(tokens.length / 30);
    const base = Array.from({ length: 30 }, (_, k) => {
      const first = tokens[k * step];
      const last = tokens[k * step + Math.floor(random() * 3)];
      return { start: first.start, end: last.end, label: labels[Math.floor(random() * labels.length)] };
    });
    const layers = Object.fromEntries(
      ['a', 'b', 'c'].map((who) => [
        who,
        base
          .filter(() => random() > 0.1)
          .map((s) => span(s.start, random() < 0.1 ? s.end + 2 : s.end, random() < 0.05 ? 'ACTOR' : s.label, who)),
      ]),
    );
    return { id: `doc-${d}`, text, layers, tokens };
  });
}
