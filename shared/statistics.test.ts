import { describe, it, expect } from 'vitest';
import { formatCount, formatDuration, layerStats, projectStats, spansPerDay } from './statistics';
import type { LayerDocument, Span } from './types';

function layerDoc(docId: string, status: LayerDocument['status'], labels: string[], extra: Partial<LayerDocument> = {}): LayerDocument {
  const spans = labels.map(
    (label, i) => ({ id: `s${i}`, start: i, end: i + 1, label, text: 'x', annotator: 'a', createdAt: '2024-03-0' + (1 + (i % 2)) + 'T23:30:00.000Z' }) satisfies Span,
  );
  return { format: 'spanwise-layer', version: 1, docId, layer: 'a', textHash: 'h', status, spans, updatedAt: '', timeSpentMs: 0, undo: [], redo: [], ...extra };
}

const amira = { id: 'amira-1', name: 'Amira', kind: 'annotator' as const };
const badr = { id: 'badr-2', name: 'Badr', kind: 'annotator' as const };
const gold = { id: 'gold', name: 'Gold', kind: 'gold' as const };

describe('layerStats', () => {
  it('counts spans per label in schema order, unknown labels after, documents per status, days and time', () => {
    const stats = layerStats(
      amira,
      [layerDoc('d1', 'done', ['ACTOR', 'DATE', 'ACTOR'], { timeSpentMs: 60_000 }), layerDoc('d2', 'in-progress', ['OLD'], { timeSpentMs: 5_000 })],
      ['ACTOR', 'LOCATION', 'DATE'],
      4,
    );
    expect(stats).toEqual({
      layer: 'amira-1',
      name: 'Amira',
      kind: 'annotator',
      spans: 4,
      spansByLabel: { ACTOR: 2, LOCATION: 0, DATE: 1, OLD: 1 },
      documentsByStatus: { new: 2, 'in-progress': 1, done: 1 },
      spansByDay: { '2024-03-01': 3, '2024-03-02': 1 },
      timeSpentMs: 65_000,
    });
    expect(Object.keys(stats.spansByLabel)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'OLD']);
    expect(Object.keys(stats.spansByDay)).toEqual(['2024-03-01', '2024-03-02']);
  });

  it('skips timestamps it cannot read and names a layer by its id when it has no name', () => {
    const doc = layerDoc('d1', 'new', ['ACTOR']);
    doc.spans[0]!.createdAt = '';
    expect(layerStats({ ...amira, name: '' }, [doc], ['ACTOR'], 1)).toMatchObject({ name: 'amira-1', spansByDay: {} });
  });
});

describe('projectStats', () => {
  const documents = ['d1', 'd2', 'd3', 'd4'].map((id) => ({ id, title: `Title ${id}` }));
  const stats = projectStats({
    dir: '/p',
    name: 'P',
    labels: ['ACTOR', 'LOCATION'],
    documents,
    layers: [
      { info: amira, documents: [layerDoc('d1', 'done', ['ACTOR'], { timeSpentMs: 1_000 }), layerDoc('d2', 'new', ['LOCATION'])] },
      { info: badr, documents: [layerDoc('d1', 'in-progress', []), layerDoc('d3', 'new', [], { timeSpentMs: 9_000 }), layerDoc('gone', 'done', [])] },
      { info: gold, documents: [layerDoc('d4', 'done', ['ACTOR'], { timeSpentMs: 2_000 })] },
    ],
    problems: [],
  });

  it('counts a document done when any annotator marked it so, and in progress when anyone worked on it', () => {
    expect(stats.progress).toEqual({ new: 2, 'in-progress': 1, done: 1 });
  });

  it('sums spans per label over every layer, leaving out documents the project lacks', () => {
    expect(stats.spansByLabel).toEqual({ ACTOR: 2, LOCATION: 1 });
    expect(stats.layers.map((layer) => [layer.name, layer.documentsByStatus.done])).toEqual([
      ['Amira', 1],
      ['Badr', 0],
      ['Gold', 1],
    ]);
  });

  it('lists the time per document, longest first, leaving out documents the project lacks', () => {
    expect(stats.documentTimes).toEqual([
      { docId: 'd3', title: 'Title d3', timeSpentMs: 9_000 },
      { docId: 'd4', title: 'Title d4', timeSpentMs: 2_000 },
      { docId: 'd1', title: 'Title d1', timeSpentMs: 1_000 },
    ]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44_600, '45 s'],
    [12 * 60_000, '12 min'],
    [65 * 60_000, '1 h 05 min'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [10_000, '10,000'],
    [350_126, '350,126'],
    [1_234_567, '1,234,567'],
    [-12_345, '-12,345'],
    [1234.5678, '1,234.5678'],
  ])('%d is %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});

describe('spansPerDay', () => {
  it('sums the layers and fills the days between with zeros', () => {
    expect(spansPerDay([{ spansByDay: { '2024-02-28': 2, '2024-03-02': 1 } }, { spansByDay: { '2024-02-28': 1 } }])).toEqual([
      { day: '2024-02-28', spans: 3 },
      { day: '2024-02-29', spans: 0 },
      { day: '2024-03-01', spans: 0 },
      { day: '2024-03-02', spans: 1 },
    ]);
    expect(spansPerDay([])).toEqual([]);
  });

  it('keeps to the last year', () => {
    const series = spansPerDay([{ spansByDay: { '2020-01-01': 5, '2024-03-02': 1 } }]);
    expect(series).toHaveLength(366);
    expect(series.at(-1)).toEqual({ day: '2024-03-02', spans: 1 });
  });
});
