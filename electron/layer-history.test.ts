import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditContext } from '../shared/spans';
import type { LayerDocument, SpanEdit } from '../shared/types';
import { editLayer, emptyLayerDocument, HISTORY_LIMIT, redoLayer, undoLayer, withoutAuthorship, withStatus, type LayerChange } from './layer-history';

const TEXT = 'Rebels shelled Idlib on Tuesday near Kafr Nabl 🚀 غارات جوية على إدلب.';
const LENGTH = [...TEXT].length;
const ctx: EditContext = { text: TEXT, annotator: 'amira-abc123', now: '2030-01-01T00:00:00.000Z', labels: ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'] };
const empty = (): LayerDocument => emptyLayerDocument('doc', 'amira-abc123', 'hash', '2030-01-01T00:00:00.000Z');

function applied(change: LayerChange): LayerDocument {
  if (!change.ok) throw new Error(change.message);
  return change.layer;
}

const add = (id: string, start: number, end: number, label = 'ACTOR'): SpanEdit => ({ op: 'add', span: { id, start, end, label } });

describe('layer history', () => {
  it('records the caller as the author of added spans, whatever the client claims', () => {
    const forged: SpanEdit = { op: 'add', span: { id: 'a', start: 0, end: 6, label: 'ACTOR', annotator: 'someone-else', createdAt: '1999-01-01T00:00:00.000Z' } };
    const [span] = applied(editLayer(empty(), withoutAuthorship([forged]), ctx)).spans;
    expect(span).toMatchObject({ annotator: 'amira-abc123', createdAt: ctx.now });
  });

  it('starts the work on a new document and keeps a done one done', () => {
    const edited = applied(editLayer(empty(), [add('a', 0, 6)], ctx));
    expect(edited.status).toBe('in-progress');
    const done = withStatus(edited, 'done', ctx.now);
    expect(applied(editLayer(done, [add('b', 15, 20, 'LOCATION')], ctx)).status).toBe('done');
  });

  it('undoes and redoes batches, and a new edit clears what could be redone', () => {
    const one = applied(editLayer(empty(), [add('a', 0, 6)], ctx));
    const two = applied(editLayer(one, [add('b', 15, 20, 'LOCATION'), { op: 'update', id: 'a', set: { label: 'CASUALTY' } }], ctx));
    const undone = applied(undoLayer(two, ctx));
    expect(undone.spans).toEqual(one.spans);
    expect(undone).toMatchObject({ undo: one.undo, redo: [expect.any(Array)] });
    expect(applied(redoLayer(undone, ctx)).spans).toEqual(two.spans);
    expect(applied(editLayer(undone, [add('c', 24, 31, 'DATE')], ctx)).redo).toEqual([]);
  });

  it('undoes and redoes attributes and notes, set and replaced, like any span change', () => {
    const one = applied(editLayer(empty(), [add('a', 0, 6, 'CASUALTY')], ctx));
    const two = applied(editLayer(one, [{ op: 'update', id: 'a', set: { attributes: { kind: 'killed', count: 2 }, note: 'From rescuers' } }], ctx));
    expect(two.spans[0]).toMatchObject({ attributes: { kind: 'killed', count: 2 }, note: 'From rescuers' });
    const three = applied(editLayer(two, [{ op: 'update', id: 'a', set: { attributes: { kind: 'wounded' }, note: '' } }], ctx));
    expect(three.spans[0]).toMatchObject({ attributes: { kind: 'wounded' }, note: '' });
    const back = applied(undoLayer(three, ctx));
    expect(back.spans).toEqual(two.spans);
    expect(applied(undoLayer(back, ctx)).spans).toEqual(one.spans);
    expect(applied(redoLayer(back, ctx)).spans).toEqual(three.spans);
  });

  it('says when there is nothing to undo or redo', () => {
    expect(undoLayer(empty(), ctx)).toEqual({ ok: false, message: 'There is nothing to undo.' });
    expect(redoLayer(empty(), ctx)).toEqual({ ok: false, message: 'There is nothing to redo.' });
  });

  it(`keeps at most ${HISTORY_LIMIT} batches`, () => {
    let layer = empty();
    for (let i = 0; i < HISTORY_LIMIT + 30; i++) {
      layer = applied(editLayer(layer, [add(`s${i}`, 0, 6)], ctx));
      layer = applied(editLayer(layer, [{ op: 'remove', id: `s${i}` }], ctx));
    }
    expect(layer.undo).toHaveLength(HISTORY_LIMIT);
  });

  it('drops a stored batch that no longer applies, so it cannot block the ones beneath', () => {
    const layer = { ...applied(editLayer(empty(), [add('a', 0, 6)], ctx)) };
    const broken = { ...layer, undo: [...layer.undo, [{ op: 'remove', id: 'ghost' } as SpanEdit]] };
    const change = undoLayer(broken, ctx);
    expect(change.ok).toBe(false);
    expect(change.layer?.undo).toEqual(layer.undo);
    expect(applied(undoLayer(change.layer!, ctx)).spans).toEqual([]);
  });

  it('undoing every batch gives back the empty layer, and redoing them all the final one', () => {
    const offset = fc.integer({ min: 0, max: LENGTH });
    const label = fc.constantFrom('ACTOR', 'LOCATION', 'DATE', 'CASUALTY');
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const edit: fc.Arbitrary<SpanEdit> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), span: fc.record({ id, start: offset, end: offset, label }) }),
      fc.record({ op: fc.constant('update' as const), id, set: fc.record({ start: offset, end: offset, label }, { requiredKeys: [] }) }),
      fc.record({ op: fc.constant('remove' as const), id }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 25 }), (batches) => {
        let layer = empty();
        for (const batch of batches) {
          const change = editLayer(layer, batch, ctx);
          if (change.ok) layer = change.layer;
        }
        const final = layer;
        for (const span of final.spans) expect(span.text).toBe([...TEXT].slice(span.start, span.end).join(''));
        while (layer.undo.length > 0) layer = applied(undoLayer(layer, ctx));
        expect(layer.spans).toEqual([]);
        while (layer.redo.length > 0) layer = applied(redoLayer(layer, ctx));
        expect(layer.spans).toEqual(final.spans);
      }),
      { numRuns: 300 },
    );
  });
});
