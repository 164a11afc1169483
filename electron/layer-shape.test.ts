import { describe, expect, it } from 'vitest';
import { layerDocumentSchema } from './file-schemas';
import { isPlainLayerDocument } from './layer-shape';

const span = { id: 's1', start: 3, end: 9, label: 'ACTOR', text: 'rebels', annotator: 'a', createdAt: '2026-01-01T00:00:00.000Z' };
const layer = {
  format: 'spanwise-layer',
  version: 1,
  docId: 'd1',
  layer: 'a',
  textHash: 'h',
  status: 'done',
  spans: [span, { ...span, id: 's2', updatedAt: 'later', note: 'n', source: 'suggestion', score: 0.5 }],
  updatedAt: '2026-01-01T00:00:00.000Z',
  timeSpentMs: 12,
  undo: [],
  redo: [],
};

/**
 * Each a change to the layer above, and who accepts the result: the quick check (`plain`), only
 * the schema (`schema`: the quick check leaves it to the schema), or neither (`refused`).
 */
const changes: Array<[string, 'plain' | 'schema' | 'refused', (doc: Record<string, unknown>, first: Record<string, unknown>) => void]> = [
  ['nothing', 'plain', () => undefined],
  ['an unknown top-level field', 'plain', (doc) => (doc.extra = 1)],
  ['rejected ids', 'plain', (doc) => (doc.rejected = ['x'])],
  ['a rejected id that is a number', 'refused', (doc) => (doc.rejected = [1])],
  ['no spans', 'plain', (doc) => (doc.spans = [])],
  ['another format', 'refused', (doc) => (doc.format = 'spanwise-layers')],
  ['version 2', 'refused', (doc) => (doc.version = 2)],
  ['an empty docId', 'refused', (doc) => (doc.docId = '')],
  ['a missing layer', 'refused', (doc) => delete doc.layer],
  ['a numeric textHash', 'refused', (doc) => (doc.textHash = 5)],
  ['an unknown status', 'refused', (doc) => (doc.status = 'finished')],
  ['an empty updatedAt', 'refused', (doc) => (doc.updatedAt = '')],
  ['negative time', 'refused', (doc) => (doc.timeSpentMs = -1)],
  ['time as text', 'refused', (doc) => (doc.timeSpentMs = '5')],
  ['undo history', 'schema', (doc) => (doc.undo = [[{ op: 'remove', id: 's1' }]])],
  ['bad undo history', 'refused', (doc) => (doc.undo = [[{ op: 'nope' }]])],
  ['a missing redo', 'refused', (doc) => delete doc.redo],
  ['rejected suggestions', 'schema', (doc) => (doc.rejectedSuggestions = [{ start: 1, end: 2, label: 'X' }])],
  ['spans not a list', 'refused', (doc) => (doc.spans = {})],
  ['a span that is null', 'refused', (doc) => (doc.spans = [null])],
  ['a span ending where it starts', 'refused', (_, first) => (first.end = first.start)],
  ['a fractional offset', 'refused', (_, first) => (first.start = 1.5)],
  ['a negative offset', 'refused', (_, first) => (first.start = -1)],
  ['an offset as text', 'refused', (_, first) => (first.end = '9')],
  ['an empty label', 'refused', (_, first) => (first.label = '')],
  ['a missing text', 'refused', (_, first) => delete first.text],
  ['an empty createdAt', 'refused', (_, first) => (first.createdAt = '')],
  ['an empty updatedAt on a span', 'refused', (_, first) => (first.updatedAt = '')],
  ['a numeric note', 'refused', (_, first) => (first.note = 3)],
  ['a score as text', 'refused', (_, first) => (first.score = 'high')],
  ['attributes', 'schema', (_, first) => (first.attributes = { kind: 'x' })],
  ['bad attributes', 'refused', (_, first) => (first.attributes = { kind: [] })],
  ['fragments', 'schema', (_, first) => (first.fragments = [[3, 5], [6, 9]])],
  ['an unknown span field', 'schema', (_, first) => (first.colour = 'red')],
];

describe('isPlainLayerDocument', () => {
  it('recognises the layer documents Spanwise writes', () => {
    expect(isPlainLayerDocument(structuredClone(layer))).toBe(true);
    expect(isPlainLayerDocument(null)).toBe(false);
    expect(isPlainLayerDocument([layer])).toBe(false);
  });

  it.each(changes)('accepts only what the schema accepts: %s', (_, accepted, change) => {
    const doc = structuredClone(layer) as unknown as Record<string, unknown>;
    change(doc, (doc.spans as Array<Record<string, unknown>>)[0] ?? {});
    expect(isPlainLayerDocument(doc)).toBe(accepted === 'plain');
    const parsed = layerDocumentSchema.safeParse(doc);
    expect(parsed.success).toBe(accepted !== 'refused');
    if (accepted === 'plain') expect(parsed.data).toEqual(doc);
  });
});
