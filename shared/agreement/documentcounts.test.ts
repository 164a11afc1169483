import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../types';
import { documentCounts, meanF1 } from './documentcounts';
import { span } from './fixture';
import { agreementReport, reportOf, type AgreementDocument } from './report';

// Ten words of two letters: word i covers code points [3i, 3i + 2).
const TEXT = Array.from({ length: 10 }, (_, i) => `w${i}`).join(' ');
const LABELS = ['ACTOR', 'DATE', 'LOCATION'];

/** Spans over whole words, nested or overlapping as they come. */
const layerArb = (annotator: string) =>
  fc.array(
    fc.tuple(fc.nat(9), fc.nat(3), fc.constantFrom(...LABELS)).map(([from, extra, label]) => span(3 * from, 3 * Math.min(9, from + extra) + 2, label, annotator)),
    { maxLength: 6 },
  );
const docArb = (id: string) =>
  fc
    .record({ a: fc.option(layerArb('a')), b: fc.option(layerArb('b')), c: fc.option(layerArb('c')) })
    .map((layers): AgreementDocument => ({
      id,
      text: TEXT,
      layers: Object.fromEntries(Object.entries(layers).filter((entry): entry is [string, Span[]] => entry[1] !== null)),
    }));
const corpusArb = fc.tuple(docArb('d1'), docArb('d2'), docArb('d3'), docArb('d4'));

describe('documentCounts and reportOf', () => {
  it('give exactly the report of the documents, whatever annotators the counts were kept for', () => {
    fc.assert(
      fc.property(corpusArb, fc.constantFrom(['a', 'b', 'c'], ['c', 'a', 'b'], ['b', 'c'], ['c', 'a']), fc.constantFrom(['a', 'b', 'c'], ['c', 'b', 'a']), (docs, asked, kept) => {
        // Counts kept for one order (or more annotators), the report asked for another.
        const counts = docs.map((doc) => ({ id: doc.id, counts: documentCounts(doc, kept) }));
        expect(reportOf(counts, asked)).toEqual(agreementReport(docs, asked));
      }),
    );
  });

  it('survive a round trip through JSON', () => {
    fc.assert(
      fc.property(corpusArb, (docs) => {
        const counts = docs.map((doc) => ({ id: doc.id, counts: documentCounts(doc, ['a', 'b', 'c']) }));
        expect(reportOf(JSON.parse(JSON.stringify(counts)) as typeof counts, ['b', 'a', 'c'])).toEqual(agreementReport(docs, ['b', 'a', 'c']));
      }),
    );
  });

  it('keep nothing per token, and the mean F1 the report gives the document', () => {
    const doc: AgreementDocument = {
      id: 'd',
      text: TEXT,
      layers: { a: [span(0, 2, 'ACTOR', 'a'), span(6, 8, 'DATE', 'a')], b: [span(0, 2, 'ACTOR', 'b'), span(6, 11, 'DATE', 'b')] },
    };
    const counts = documentCounts(doc, ['a', 'b']);
    // Runs of tokens labelled alike: 1 ACTOR/ACTOR, 1 O/O, 1 DATE/DATE, 1 O/DATE, 6 O/O (folded with the other O/O).
    expect(counts.tokens).toEqual([
      [1, 'ACTOR', 'ACTOR'],
      [7, 'O', 'O'],
      [1, 'DATE', 'DATE'],
      [1, 'O', 'DATE'],
    ]);
    expect(counts.pairs).toEqual([{ exact: [['ACTOR', 1, 0, 0], ['DATE', 0, 1, 1]], overlap: [['ACTOR', 1, 0, 0], ['DATE', 1, 0, 0]] }]);
    expect(meanF1(counts)).toBe(agreementReport([doc], ['a', 'b']).perDocument[0].meanF1);
    expect(documentCounts({ ...doc, layers: { a: doc.layers.a } }, ['a', 'b'])).toEqual({ annotators: ['a'], labels: [['ACTOR', 'DATE']], tokens: [], pairs: [] });
  });
});
