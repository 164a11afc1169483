import { describe, expect, it } from 'vitest';
import { exportLabelOrder, firstLines, majorityOf, renderSplit, splitNames, type ExportItem } from './exporting';
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
  const context = { projectName: 'P', labels: DEFAULT_LABELS, labelOrder: exportLabelOrder([item], DEFAULT_LABELS) };

  it('names files after the split, and counts what a flat format leaves out by label', () => {
    const conll = renderSplit('conll', [item], 'train', context);
    expect(conll.files.map((file) => file.name)).toEqual(['train.conll']);
    expect(conll.dropped).toEqual({ ACTOR: 1, LOCATION: 1 });
    expect(renderSplit('brat', [item], 'test', context).files.map((file) => file.name)).toEqual(['test/d1.txt', 'test/d1.ann', 'test/annotation.conf']);
    expect(renderSplit('hf', [item], null, context).files.map((file) => file.name)).toEqual(['data.jsonl']);
    expect(renderSplit('jsonl', [item], null, context).warnings).toEqual([expect.stringContaining('1 span has attributes')]);
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
