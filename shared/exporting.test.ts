import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportLabelOrder, firstLines, majorityOf, prepareBatch, renderSplit, splitNames, splitRenderer, type ExportFormat, type ExportItem } from './exporting';
import { serializeBrat } from './formats/brat';
import { serializeConll } from './formats/conll';
import { serializeHf } from './formats/hf';
import { serializeJsonl } from './formats/jsonl';
import { serializeLabelStudio } from './formats/labelstudio';
import type { ExportFile } from './formats/model';
import { serializeSpanwise } from './formats/spanwise';
import { DEFAULT_LABELS } from './labels';
import type { Span } from './types';

const span = (start: number, end: number, label: string, annotator: string, extra: Partial<Span> = {}): Span => ({
  id: `${annotator}-${start}`,
  start,
  end,
  label,
  text: 'x',
  annotator,
  createdAt: 'now',
  ...extra,
});

describe('majorityOf', () => {
  it('keeps what more than half of the annotators have, with the first one’s fields', () => {
    const result = majorityOf({
      a: { status: 'done', spans: [span(0, 5, 'ACTOR', 'a', { note: 'first' }), span(8, 12, 'DATE', 'a')] },
      b: { status: 'done', spans: [span(0, 5, 'ACTOR', 'b')] },
      c: { status: 'in-progress', spans: [span(8, 12, 'DATE', 'c')] },
    });
    expect(result.spans.map((kept) => [kept.start, kept.label, kept.note])).toEqual([[0, 'ACTOR', 'first'], [8, 'DATE', undefined]]);
    expect(result.status).toBe('done');
    expect(majorityOf({}).spans).toEqual([]);
    expect(majorityOf({ a: { status: 'done', spans: [] }, b: { status: 'new', spans: [] } }).status).toBe('in-progress');
  });
});

describe('renderSplit', () => {
  const item: ExportItem = {
    document: { id: 'd1', title: 'T', text: 'Rebels shelled Hama.', textHash: 'h', meta: {}, importedAt: 'now' },
    spans: [span(0, 6, 'ACTOR', 'a', { attributes: { kind: 'x' } }), span(0, 20, 'CASUALTY', 'a'), span(15, 19, 'LOCATION', 'a')],
    layers: {},
  };
  const context = { projectName: 'P', labels: DEFAULT_LABELS, labelOrder: exportLabelOrder(item.spans.map((kept) => kept.label), DEFAULT_LABELS) };

  it('names files after the split, and counts what a flat format leaves out by label', () => {
    const conll = renderSplit('conll', [item], 'train', context);
    expect(conll.files.map((file) => file.name)).toEqual(['train.conll']);
    expect(conll.dropped).toEqual({ ACTOR: 1, LOCATION: 1 });
    expect(renderSplit('brat', [item], 'test', context).files.map((file) => file.name)).toEqual(['test/d1.txt', 'test/d1.ann', 'test/annotation.conf']);
    expect(renderSplit('hf', [item], null, context).files.map((file) => file.name)).toEqual(['data.jsonl']);
    expect(renderSplit('jsonl', [item], null, context).warnings).toEqual([expect.stringContaining('1 span has attributes')]);
  });
});

describe('splitRenderer', () => {
  const doc = (id: string, text: string, spans: Span[]): ExportItem => ({
    document: { id, title: `Title ${id}`, text, textHash: 'h', meta: { source: 'wire' }, importedAt: 'now' },
    spans,
    layers: {
      a: { info: { id: 'a', kind: 'annotator', name: 'A', createdAt: 'then' }, status: 'done', spans },
      s: { info: { id: 's', kind: 'suggestions', name: 'Model', createdAt: 'then' }, status: 'new', spans: spans.slice(0, 1) },
    },
  });
  const items = [
    doc('d1', 'Rebels shelled Hama.\nTwo died.', [span(0, 6, 'ACTOR', 'a', { note: 'n' }), span(0, 20, 'CASUALTY', 'a'), span(15, 19, 'LOCATION', 'a')]),
    doc('d2', 'Nothing here.', []),
    doc('d3', 'Idlib, “quiet” 🙂.', [span(0, 5, 'LOCATION', 'a', { fragments: [[0, 2], [3, 5]] }), span(7, 14, 'UNKNOWN', 'a')]),
  ];
  const labelOrder = exportLabelOrder(items.flatMap((item) => item.spans.map((kept) => kept.label)), DEFAULT_LABELS);
  const context = { projectName: 'P', labels: DEFAULT_LABELS, labelOrder };
  const rule = { labelOrder: DEFAULT_LABELS.map((label) => label.name) };
  const whole = (format: ExportFormat, chosen: ExportItem[]): ExportFile[] => {
    const layered = chosen.map(({ document, layers }) => ({ document, layers }));
    switch (format) {
      case 'spanwise':
        return [{ name: 'spanwise-export.json', content: serializeSpanwise({ format: 'spanwise-export', version: 1, project: { name: 'P', labels: [...DEFAULT_LABELS] }, documents: layered }) }];
      case 'labelstudio':
        return [{ name: 'label-studio.json', content: serializeLabelStudio(layered) }];
      case 'jsonl':
      case 'spacy':
        return [{ name: 'documents.jsonl', content: serializeJsonl(chosen, format === 'jsonl' ? 'doccano' : 'spacy') }];
      case 'brat':
        return serializeBrat(chosen, DEFAULT_LABELS).files;
      case 'conll':
        return [{ name: 'documents.conll', content: serializeConll(chosen, rule).files[0].content }];
      case 'hf':
        return [{ name: 'data.jsonl', content: serializeHf(chosen, labelOrder, rule).files[0].content }];
    }
  };

  it('gives, batch by batch, exactly the files the format writes for all documents at once', () => {
    for (const { id: format } of EXPORT_FORMATS) {
      for (const chosen of [items, []]) {
        const renderer = splitRenderer(format, null, context);
        const add = (batch: ExportItem[]) => renderer.add(prepareBatch(format, context, batch));
        const pieces = [...add(chosen.slice(0, 1)), ...add([]), ...add(chosen.slice(1))];
        const end = renderer.finish();
        const files = new Map<string, string>();
        for (const piece of [...pieces, ...end.files]) files.set(piece.name, (files.get(piece.name) ?? '') + piece.content);
        expect([...files].map(([name, content]) => ({ name, content })), `${format}, ${chosen.length} documents`).toEqual(whole(format, chosen));
      }
    }
  });

  it('counts what the tagged formats leave out over every batch', () => {
    const renderer = splitRenderer('conll', 'train', context);
    for (const item of items) renderer.add(prepareBatch('conll', context, [item]));
    const end = renderer.finish();
    expect(end.dropped).toEqual({ ACTOR: 1, LOCATION: 1 });
    expect(end.warnings).toEqual(['train: 2 spans nested in or overlapping another span were left out: CoNLL holds one label per token (the outermost span was kept)', 'train: 1 discontinuous span was tagged over its whole range']);
  });
});

describe('helpers', () => {
  it('name splits and cut previews', () => {
    expect(splitNames(2)).toEqual(['train', 'validation']);
    expect(() => splitNames(4)).toThrow(RangeError);
    expect(firstLines('a\nb\nc\n', 2)).toBe('a\nb\n');
    expect(firstLines('a\nb', 5)).toBe('a\nb');
  });
});
