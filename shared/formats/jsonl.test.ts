import { describe, expect, it } from 'vitest';
import { exportDocument } from './__testing__/fixtures';
import { parseJsonl, serializeJsonl } from './jsonl';
import type { ParseResult } from './model';

const TEXT = 'Shelling hit Idlib on Tuesday.';
const lines = (...records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

function documents(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.documents;
}

describe('parseJsonl', () => {
  it('reads doccano triples, entities in both shapes, and spaCy-style spans', () => {
    const result = parseJsonl(
      lines(
        { text: TEXT, label: [[13, 18, 'LOCATION']] },
        { text: TEXT, entities: [[22, 29, 'DATE']] },
        { text: TEXT, entities: [{ id: 4, label: 'DATE', start_offset: 22, end_offset: 29 }] },
        { text: TEXT, spans: [{ start: 13, end: 18, label: 'LOCATION', text: 'Idlib', attributes: { value: 'x' }, note: 'n' }] },
        { text: TEXT, label: [{ start: 13, end: 18, text: 'Idlib', labels: ['LOCATION'] }] },
      ),
      'a.jsonl',
    );
    expect(documents(result).map((doc) => doc.spans)).toEqual([
      [{ start: 13, end: 18, label: 'LOCATION' }],
      [{ start: 22, end: 29, label: 'DATE' }],
      [{ start: 22, end: 29, label: 'DATE' }],
      [{ start: 13, end: 18, label: 'LOCATION', attributes: { value: 'x' }, note: 'n' }],
      [{ start: 13, end: 18, label: 'LOCATION' }],
    ]);
  });

  it('keeps id, title, the date and other scalar fields; names the fields it cannot keep', () => {
    const result = parseJsonl(
      lines({
        id: 42,
        title: 'Strikes',
        text: TEXT,
        url: 'https://example.invalid/a',
        published: '2024-03-04',
        source: 'wire',
        'word count': 5,
        paywalled: false,
        meta: { section: 'world', tags: ['x'] },
        Comments: [],
      }),
      'a.jsonl',
    );
    expect(result).toEqual({
      ok: true,
      documents: [
        {
          id: '42',
          title: 'Strikes',
          text: TEXT,
          spans: [],
          meta: { publishedAt: '2024-03-04', url: 'https://example.invalid/a', source: 'wire', word_count: '5', paywalled: 'false', section: 'world' },
        },
      ],
      warnings: ['field "meta.tags" holds a list or an object and was not kept', 'field "Comments" holds a list or an object and was not kept'],
    });
  });

  it('reads spans given on CRLF text onto the normalised text, and fragments', () => {
    const result = parseJsonl(lines({ text: 'a\r\nb c d', spans: [{ start: 3, end: 8, label: 'X', fragments: [[3, 4], [7, 8]] }] }), 'a.jsonl');
    expect(documents(result)[0]).toMatchObject({ text: 'a\nb c d', spans: [{ start: 2, end: 7, label: 'X', fragments: [[2, 3], [6, 7]] }] });
  });

  it.each([
    ['bad JSON on line 3', `${lines({ text: TEXT })}\n\n{"text": tru}`, 3, /not valid JSON/],
    ['a record that is not an object', lines({ text: TEXT }, [1, 2]), 2, /record is not a JSON object but \[1,2\]/],
    ['no text', lines({ title: 'x' }), 1, /no "text" string field/],
    ['an empty text', lines({ text: '  ' }), 1, /empty "text"/],
    ['offsets past the end', lines({ text: TEXT, label: [[13, 40, 'LOCATION']] }), 1, /end offset 40 is past the end of the text \(30 characters\)/],
    ['start not before end', lines({ text: TEXT, label: [[18, 13, 'LOCATION']] }), 1, /start 18 is not before end 13/],
    ['a short triple', lines({ text: TEXT, label: [[13, 18]] }), 1, /must be \[start, end, "LABEL"\]/],
    ['document categories', lines({ text: TEXT, label: ['positive'] }), 1, /must be \[start, end, "LABEL"\] or an object/],
    ['a covered text that does not match', lines({ text: TEXT, spans: [{ start: 0, end: 8, label: 'X', text: 'Shellin' }] }), 1, /says it covers "Shellin"/],
    ['two span fields', lines({ text: TEXT, label: [], spans: [] }), 1, /both "spans" and "label"/],
    ['spans that are not a list', lines({ text: TEXT, spans: {} }), 1, /must be a list of spans/],
    ['a bad attribute', lines({ text: TEXT, spans: [{ start: 0, end: 8, label: 'X', attributes: { a: [1] } }] }), 1, /attribute "a" must be a string, a number or null/],
    ['overlapping fragments', lines({ text: TEXT, spans: [{ start: 0, end: 12, label: 'X', fragments: [[0, 5], [3, 12]] }] }), 1, /fragments .* must be ordered/],
    ['an id that is an object', lines({ id: {}, text: TEXT }), 1, /"id" must be a string or a number/],
  ])('refuses %s, naming the line', (_, content, line, message) => {
    const result = parseJsonl(content, 'data.jsonl');
    expect(result).toMatchObject({ ok: false, error: { file: 'data.jsonl', line } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('serializeJsonl', () => {
  const doc = exportDocument(TEXT, [
    { start: 22, end: 29, label: 'DATE' },
    { start: 13, end: 18, label: 'LOCATION', note: 'checked' },
  ]);

  it('writes doccano triples ordered by start', () => {
    expect(JSON.parse(serializeJsonl([doc], 'doccano'))).toMatchObject({ id: 'doc-1', label: [[13, 18, 'LOCATION'], [22, 29, 'DATE']] });
  });

  it('writes one line per document', () => {
    expect(serializeJsonl([doc, doc], 'spacy').split('\n')).toHaveLength(3);
  });
});
