import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../labels';
import { storedDocument, storedSpans } from './__testing__/fixtures';
import type { LayerDocument } from '../types';
import { exportLayer, parseSpanwise, parseSpanwiseExport, serializeSpanwise, type SpanwiseExport } from './spanwise';

const TEXT = 'Shelling hit Idlib on Tuesday.';

function sample(): SpanwiseExport {
  return {
    format: 'spanwise-export',
    version: 1,
    project: { name: 'P', labels: DEFAULT_LABELS },
    documents: [
      {
        document: storedDocument(TEXT, 'd1'),
        layers: {
          amira: {
            info: { id: 'amira', kind: 'annotator', name: 'Amira', createdAt: '2026-01-01T00:00:00.000Z' },
            status: 'done',
            spans: storedSpans(TEXT, [
              { start: 13, end: 18, label: 'LOCATION' },
              { start: 22, end: 29, label: 'DATE', fragments: [[22, 25], [26, 29]] },
            ]),
          },
        },
      },
    ],
  };
}

describe('Spanwise export', () => {
  it('reads back exactly what it wrote, unknown fields included', () => {
    const data = sample();
    Object.assign(data.documents[0].document, { futureField: { x: 1 } });
    expect(parseSpanwiseExport(serializeSpanwise(data), 'e.json')).toEqual({ ok: true, data });
  });

  it('imports each layer of each document, with the label schema', () => {
    const result = parseSpanwise(serializeSpanwise(sample()), 'e.json');
    expect(result.ok && result.labels).toEqual(DEFAULT_LABELS);
    expect(result.ok && result.documents[0]).toMatchObject({
      id: 'd1',
      text: TEXT,
      spans: [],
      layers: { amira: { name: 'Amira', kind: 'annotator', status: 'done', spans: sample().documents[0].layers.amira.spans } },
    });
  });

  it('carries the review items a gold layer rejected, and leaves the session behind', () => {
    const amira = sample().documents[0].layers.amira;
    const layer: LayerDocument = {
      format: 'spanwise-layer',
      version: 1,
      docId: 'd1',
      layer: 'gold',
      textHash: 'h',
      status: 'done',
      spans: amira.spans,
      updatedAt: '2026-02-02T00:00:00.000Z',
      timeSpentMs: 5_000,
      undo: [[{ op: 'remove', id: amira.spans[0].id }]],
      redo: [],
      rejected: ['missing:DATE:22-29'],
    };
    const info = { id: 'gold', kind: 'gold' as const, name: 'Gold', createdAt: '2026-01-01T00:00:00.000Z' };
    const gold = exportLayer(info, layer);
    expect(gold).toEqual({ info, status: 'done', spans: amira.spans, rejected: ['missing:DATE:22-29'] });
    expect(exportLayer(info, { ...layer, rejected: [] })).not.toHaveProperty('rejected');
    const data = sample();
    data.documents[0].layers.gold = gold;
    const result = parseSpanwise(serializeSpanwise(data), 'e.json');
    expect(result.ok && result.documents[0].layers?.gold).toEqual({ name: 'Gold', kind: 'gold', status: 'done', spans: amira.spans, rejected: ['missing:DATE:22-29'] });
    const wrong = serializeSpanwise(data).replace('"missing:DATE:22-29"', '7');
    expect(parseSpanwiseExport(wrong, 'e.json')).toMatchObject({ ok: false, error: { file: 'e.json', message: expect.stringMatching(/layers\.gold\.rejected\.0/) } });
  });

  /** 1-based number of the first (or last) line holding the needle. */
  const lineOf = (json: string, needle: string, last = false) => {
    const lines = json.split('\n');
    return (last ? lines.findLastIndex((l) => l.includes(needle)) : lines.findIndex((l) => l.includes(needle))) + 1;
  };
  // A span is reported on the line of its opening brace, the line above its id.
  const broken: Array<[string, (data: SpanwiseExport) => void, RegExp, (json: string) => number]> = [
    ['another format', (data) => Object.assign(data, { format: 'spanwise-project' }), /is not a Spanwise export/, () => 1],
    ['a bad status', (data) => Object.assign(data.documents[0].layers.amira, { status: 'finished' }), /documents\.0\.layers\.amira\.status/, (json) => lineOf(json, '"finished"')],
    ['an offset that is not a number', (data) => Object.assign(data.documents[0].layers.amira.spans[0], { end: '18' }), /spans\.0\.end/, (json) => lineOf(json, '"end": "18"')],
    ['a span past the end', (data) => Object.assign(data.documents[0].layers.amira.spans[1], { id: 'late', end: 40 }), /end offset 40 is past the end/, (json) => lineOf(json, '"late"') - 1],
    ['a span whose text does not match', (data) => Object.assign(data.documents[0].layers.amira.spans[0], { id: 'bad', text: 'Aleppo' }), /says it covers "Aleppo"/, (json) => lineOf(json, '"bad"') - 1],
    ['fragments outside the span', (data) => Object.assign(data.documents[0].layers.amira.spans[1], { id: 'frag', fragments: [[20, 25]] }), /fragments/, (json) => lineOf(json, '"frag"') - 1],
    ['a layer filed under another id', (data) => Object.assign(data.documents[0].layers.amira.info, { id: 'omar' }), /layer "amira" says its id is "omar"/, (json) => lineOf(json, '"omar"')],
    ['two documents with one id', (data) => data.documents.push(structuredClone(data.documents[0])), /document id "d1" appears twice/, (json) => lineOf(json, '"id": "d1"', true)],
  ];
  it.each(broken)('refuses %s, naming the line', (_, breakIt, message, expectedLine) => {
    const data = sample();
    breakIt(data);
    const json = serializeSpanwise(data);
    const result = parseSpanwiseExport(json, 'e.json');
    expect(result).toMatchObject({ ok: false, error: { file: 'e.json', line: expectedLine(json) } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});
