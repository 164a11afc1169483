import { describe, expect, it } from 'vitest';
import { exportDocument } from './__testing__/fixtures';
import { parseHf, parseTagList, serializeHf } from './hf';

const TAGS = ['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER'];
const records = (...values: unknown[]) => values.map((value) => JSON.stringify(value)).join('\n');

describe('parseHf', () => {
  it('reads integer tags through the tag list, one document per record or per "document"', () => {
    const result = parseHf(
      records(
        { id: 's1', document: 'd1', tokens: ['Shelling', 'hit', 'Jisr', 'al-Shughur'], ner_tags: [0, 0, 1, 2] },
        { id: 's2', document: 'd1', tokens: ['Assad', 'spoke'], ner_tags: [3, 0] },
        { id: 's3', tokens: ['Hama'], ner_tags: ['B-LOC'] },
        { id: 's4', tokens: [], ner_tags: [] },
      ),
      'train.jsonl',
      { tags: TAGS },
    );
    expect(result).toEqual({
      ok: true,
      documents: [
        {
          id: 'd1',
          text: 'Shelling hit Jisr al-Shughur\nAssad spoke',
          meta: {},
          spans: [
            { start: 13, end: 28, label: 'LOC' },
            { start: 29, end: 34, label: 'PER' },
          ],
        },
        { id: 's3', text: 'Hama', meta: {}, spans: [{ start: 0, end: 4, label: 'LOC' }] },
      ],
      warnings: ['tags read as IOB2', '1 record without tokens skipped'],
    });
  });

  it.each([
    ['integer tags without the tag list', records({ tokens: ['a'], ner_tags: [1] }), undefined, 1, /the tag list \(tags.json\) is needed/],
    ['a tag id past the list', records({ tokens: ['a'], ner_tags: [0] }, { tokens: ['a'], ner_tags: [9] }), TAGS, 2, /ner_tags\[0\] is 9 but the tag list has 5 tags/],
    ['more tags than tokens', records({ tokens: ['a'], ner_tags: [0, 0] }), TAGS, 1, /one tag per token \(1\)/],
    ['tokens that are not strings', records({ tokens: [1], ner_tags: [0] }), TAGS, 1, /"tokens" must be a list/],
    ['I- after O', records({ tokens: ['a', 'b'], ner_tags: [1, 0] }, { tokens: ['a', 'b'], ner_tags: [0, 2] }), TAGS, 2, /tag "I-LOC" after O/],
  ])('refuses %s, naming the record line', (_, content, tags, line, message) => {
    const result = parseHf(content, 'train.jsonl', { tags });
    expect(result).toMatchObject({ ok: false, error: { file: 'train.jsonl', line } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('parseTagList', () => {
  it.each([
    ['a list', '["O", "B-X"]'],
    ['datasets ClassLabel names', '{"names": ["O", "B-X"]}'],
    ['an id2label map', '{"0": "O", "1": "B-X"}'],
    ['a model config', '{"id2label": {"1": "B-X", "0": "O"}, "label2id": {}}'],
  ])('reads %s', (_, content) => {
    expect(parseTagList(content, 'tags.json')).toEqual({ ok: true, tags: ['O', 'B-X'] });
  });

  it.each([['numbers', '[0, 1]'], ['a map with a gap', '{"0": "O", "2": "B-X"}'], ['an empty list', '[]']])('refuses %s', (_, content) => {
    expect(parseTagList(content, 'tags.json')).toMatchObject({ ok: false, error: { file: 'tags.json', line: 1 } });
  });
});

describe('serializeHf', () => {
  it('writes one record per sentence with code point offsets into the stored text, and the tag list', () => {
    const text = '😀 Idlib burns.\nAssad spoke.';
    const result = serializeHf([exportDocument(text, [{ start: 2, end: 7, label: 'LOC' }, { start: 15, end: 20, label: 'PER' }, { start: 15, end: 26, label: 'OTHER' }])], ['LOC']);
    expect(result.tags).toEqual(['O', 'B-LOC', 'I-LOC', 'B-OTHER', 'I-OTHER', 'B-PER', 'I-PER']);
    expect(result.files[0].content.split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual([
      { id: 'doc-1-0', document: 'doc-1', tokens: ['😀', 'Idlib', 'burns', '.'], ner_tags: [0, 1, 0, 0], offsets: [[0, 1], [2, 7], [8, 13], [13, 14]] },
      { id: 'doc-1-1', document: 'doc-1', tokens: ['Assad', 'spoke', '.'], ner_tags: [3, 4, 0], offsets: [[15, 20], [21, 26], [26, 27]] },
    ]);
    expect(result.files[1]).toEqual({ name: 'tags.json', content: `${JSON.stringify(result.tags)}\n` });
    expect(result.dropped).toBe(1);
  });
});
