import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ItemPosition } from './items';
import { findItem } from './navigation';

const at = (start: number, kind = 'missing'): ItemPosition => ({ id: `${kind}:X:${start}-${start + 1}`, start, end: start + 1 });
const corpus: Record<string, ItemPosition[]> = { d1: [at(0), at(5)], d2: [], d3: [at(2)] };
const open = (docId: string) => corpus[docId] ?? [];
const ids = ['d1', 'd2', 'd3'];

describe('findItem', () => {
  it('starts at the first (or last) open item of the corpus', () => {
    expect(findItem(ids, open, null, 1)).toEqual({ docId: 'd1', itemId: at(0).id, wrapped: false });
    expect(findItem(ids, open, null, -1)).toEqual({ docId: 'd3', itemId: at(2).id, wrapped: false });
    expect(findItem([], open, null, 1)).toBeNull();
  });

  it('goes on in the document, then jumps documents, then wraps', () => {
    expect(findItem(ids, open, { docId: 'd1', cursor: at(0) }, 1)).toEqual({ docId: 'd1', itemId: at(5).id, wrapped: false });
    expect(findItem(ids, open, { docId: 'd1', cursor: at(5) }, 1)).toEqual({ docId: 'd3', itemId: at(2).id, wrapped: false });
    expect(findItem(ids, open, { docId: 'd3', cursor: at(2) }, 1)).toEqual({ docId: 'd1', itemId: at(0).id, wrapped: true });
    expect(findItem(ids, open, { docId: 'd1', cursor: at(0) }, -1)).toEqual({ docId: 'd3', itemId: at(2).id, wrapped: true });
  });

  it('takes a resolved item’s place as the cursor, and a document with no cursor whole', () => {
    expect(findItem(ids, open, { docId: 'd1', cursor: at(3) }, 1)).toEqual({ docId: 'd1', itemId: at(5).id, wrapped: false });
    expect(findItem(ids, open, { docId: 'd1', cursor: null }, -1)).toEqual({ docId: 'd1', itemId: at(5).id, wrapped: false });
    expect(findItem(ids, open, { docId: 'd2', cursor: null }, 1)).toEqual({ docId: 'd3', itemId: at(2).id, wrapped: false });
  });

  it('never answers with the item it starts from', () => {
    const single = (docId: string) => (docId === 'd2' ? [at(4)] : []);
    expect(findItem(ids, single, { docId: 'd2', cursor: at(4) }, 1)).toBeNull();
    expect(findItem(ids, single, { docId: 'd2', cursor: null }, 1)).toEqual({ docId: 'd2', itemId: at(4).id, wrapped: false });
  });

  it('visits every open item once, in order, before it wraps (property)', () => {
    const corpusArb = fc.array(fc.uniqueArray(fc.nat(50), { maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(corpusArb, fc.constantFrom<1 | -1>(1, -1), (starts, step) => {
        const docIds = starts.map((_, i) => `d${i}`);
        const items = (docId: string) => [...starts[Number(docId.slice(1))]].sort((x, y) => x - y).map((s) => at(s));
        const expected = docIds.flatMap((docId) => items(docId).map((item) => `${docId}/${item.id}`));
        if (step === -1) expected.reverse();
        const visited: string[] = [];
        let target = findItem(docIds, items, null, step);
        while (target && !target.wrapped && visited.length <= expected.length) {
          visited.push(`${target.docId}/${target.itemId}`);
          const cursor = items(target.docId).find((item) => item.id === target!.itemId)!;
          target = findItem(docIds, items, { docId: target.docId, cursor }, step);
        }
        expect(visited).toEqual(expected);
      }),
    );
  });
});
