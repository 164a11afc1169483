import { describe, expect, it } from 'vitest';
import type { ImportedDocument } from './formats/model';
import { DEFAULT_LABELS } from './labels';
import { DEFAULT_LABEL_MAPPING, mapLabels } from './labelmap';

const span = (label: string, start = 0) => ({ start, end: start + 1, label });

describe('mapLabels', () => {
  it('maps foreign labels onto the project’s, keeps the project’s own, drops and counts the rest', () => {
    const docs: ImportedDocument[] = [
      { text: 'abcdefgh', meta: {}, spans: [span('PERSON'), span('GPE', 1), span('actor', 2), span('DATE', 3), span('MONEY', 4), span('MONEY', 5), span('EVENT', 6)] },
      { text: 'ab', meta: {}, spans: [span('time'), span('CASUALTY', 1)] },
    ];
    const result = mapLabels(docs, DEFAULT_LABEL_MAPPING, DEFAULT_LABELS);
    expect(result.docs.map((doc) => doc.spans.map((s) => s.label))).toEqual([['ACTOR', 'LOCATION', 'ACTOR', 'DATE'], ['DATE', 'CASUALTY']]);
    expect(result.dropped).toEqual({ MONEY: 2, EVENT: 1 });
    expect(result.unmapped).toEqual(['EVENT', 'MONEY']);
    expect(docs[0].spans[0].label).toBe('PERSON');
  });

  it('maps the spans of every layer', () => {
    const layerSpan = { id: 's1', start: 0, end: 1, label: 'LOC', text: 'a', annotator: 'x', createdAt: 't' };
    const docs: ImportedDocument[] = [{ text: 'a', meta: {}, spans: [], layers: { x: { name: 'X', kind: 'annotator', spans: [layerSpan] } } }];
    expect(mapLabels(docs, DEFAULT_LABEL_MAPPING, DEFAULT_LABELS).docs[0].layers?.x.spans).toEqual([{ ...layerSpan, label: 'LOCATION' }]);
  });

  it('drops labels mapped to a label the project does not have', () => {
    const result = mapLabels([{ text: 'a', meta: {}, spans: [span('PER')] }], { PER: 'PERSON' }, DEFAULT_LABELS);
    expect(result).toEqual({ docs: [{ text: 'a', meta: {}, spans: [] }], dropped: { PER: 1 }, unmapped: ['PER'] });
  });
});
