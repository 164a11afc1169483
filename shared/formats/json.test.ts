import { describe, expect, it } from 'vitest';
import { exportDocument } from './__testing__/fixtures';
import { parseJson, serializeJson } from './json';

const TEXT = 'Shelling hit Idlib.';

describe('parseJson', () => {
  it('reads an array of records, and a single record', () => {
    const array = parseJson(JSON.stringify([{ text: TEXT }, { text: TEXT, label: [[13, 18, 'LOCATION']] }], null, 2), 'a.json');
    expect(array.ok && array.documents.map((doc) => doc.spans.length)).toEqual([0, 1]);
    const single = parseJson(JSON.stringify({ id: 'x', text: TEXT }), 'a.json');
    expect(single.ok && single.documents).toEqual([{ id: 'x', text: TEXT, meta: {}, spans: [] }]);
  });

  it('names the line the bad record starts on', () => {
    const content = JSON.stringify([{ text: TEXT }, { text: TEXT }, { text: TEXT, label: [[0, 99, 'X']] }], null, 2);
    expect(parseJson(content, 'a.json')).toMatchObject({ ok: false, error: { file: 'a.json', line: 8 } });
    expect(content.split('\n')[7]).toBe('  {');
  });

  it('round-trips what it writes', () => {
    const doc = exportDocument(TEXT, [{ start: 13, end: 18, label: 'LOCATION' }]);
    const result = parseJson(serializeJson([doc], 'doccano'), 'a.json');
    expect(result.ok && result.documents[0]).toEqual({ id: 'doc-1', title: TEXT, text: TEXT, meta: {}, spans: [{ start: 13, end: 18, label: 'LOCATION' }] });
  });
});
