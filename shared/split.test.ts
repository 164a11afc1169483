import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32, splitDocuments, type SplitInput } from './split';

const documents = (count: number, labels: (index: number) => Record<string, number> = () => ({})): SplitInput[] =>
  Array.from({ length: count }, (_, index) => ({ id: `d${index}`, labels: labels(index) }));

const docsArbitrary = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.dictionary(fc.constantFrom('ACTOR', 'LOCATION', 'DATE', 'RARE'), fc.nat(5)).map((labels) => ({ id, labels })))),
);

describe('splitDocuments', () => {
  it('puts every document in exactly one split, in the shares asked for, the same way for the same seed', () => {
    fc.assert(
      fc.property(docsArbitrary, fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 }).filter((r) => r.some((x) => x > 0)), fc.integer(), fc.boolean(), (docs, ratios, seed, stratify) => {
        const result = splitDocuments(docs, ratios, seed, stratify);
        const all = result.splits.flat();
        expect(all.sort()).toEqual(docs.map((doc) => doc.id).sort());
        const total = ratios.reduce((a, b) => a + b, 0);
        result.splits.forEach((split, index) => expect(Math.abs(split.length - (ratios[index] / total) * docs.length)).toBeLessThan(1));
        expect(splitDocuments(docs, ratios, seed, stratify)).toEqual(result);
        expect(result.manifest.documents).toEqual(result.splits);
      }),
    );
  });

  it('normalises ratios and counts spans by split', () => {
    const result = splitDocuments(documents(4, () => ({ ACTOR: 2 })), [3, 1], 7, false);
    expect(result.manifest).toMatchObject({ seed: 7, ratios: [0.75, 0.25], spanCounts: [{ ACTOR: 6 }, { ACTOR: 2 }] });
  });

  it('changes with the seed', () => {
    const docs = documents(50);
    expect(splitDocuments(docs, [1, 1], 1, false).splits).not.toEqual(splitDocuments(docs, [1, 1], 2, false).splits);
  });

  it('gives every split its share of a rare label when stratified', () => {
    // 100 documents, 10 of them with the only RARE spans: an 80/10/10 split should give 8/1/1.
    const docs = documents(100, (index): Record<string, number> => (index % 10 === 0 ? { RARE: 1, ACTOR: 3 } : { ACTOR: 3 }));
    for (let seed = 0; seed < 20; seed++) {
      const { manifest } = splitDocuments(docs, [0.8, 0.1, 0.1], seed, true);
      expect(manifest.spanCounts.map((counts) => counts.RARE ?? 0)).toEqual([8, 1, 1]);
    }
  });

  it.each([
    [[], /at least one/],
    [[1, -1], /not negative/],
    [[0, 0], /all be zero/],
    [[1, Number.NaN], /finite/],
  ])('refuses ratios %j', (ratios, message) => {
    expect(() => splitDocuments(documents(3), ratios, 1, false)).toThrow(message);
  });

  it('refuses a document listed twice', () => {
    expect(() => splitDocuments([...documents(2), { id: 'd0', labels: {} }], [1], 1, true)).toThrow(/"d0" is listed twice/);
  });
});

describe('mulberry32', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
