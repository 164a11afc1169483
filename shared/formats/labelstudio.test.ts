import { describe, expect, it } from 'vitest';
import { parseLabelStudio } from './labelstudio';

const TEXT = 'Shelling hit Idlib on Tuesday, killing two civilians.';

/** A task as Label Studio exports it, with two annotators and a model's predictions. */
function task(overrides: Record<string, unknown> = {}) {
  return {
    id: 17,
    data: { text: TEXT, title: 'Idlib', source: 'wire' },
    annotations: [
      {
        id: 1,
        completed_by: 3,
        created_at: '2025-05-01T10:00:00Z',
        was_cancelled: false,
        result: [
          { id: 'a1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 13, end: 18, text: 'Idlib', labels: ['LOCATION'] } },
          {
            id: 'a2',
            from_name: 'label',
            to_name: 'text',
            type: 'labels',
            value: { start: 39, end: 52, text: 'two civilians', labels: ['CASUALTY', 'ACTOR'] },
            meta: { text: ['check the count'] },
          },
          { id: 'a2', from_name: 'kind', to_name: 'text', type: 'choices', value: { start: 39, end: 52, choices: ['killed'] } },
          { id: 'a2', from_name: 'count', to_name: 'text', type: 'number', value: { start: 39, end: 52, number: 2 } },
          { id: 'c1', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['conflict'] } },
          { id: 'rel', type: 'relation', from_id: 'a1', to_id: 'a2' },
        ],
      },
      { id: 2, completed_by: { id: 5, email: 'omar@example.invalid', first_name: 'Omar', last_name: 'K' }, ground_truth: true, result: [] },
      { id: 3, completed_by: 6, was_cancelled: true, result: [] },
    ],
    predictions: [
      {
        model_version: 'ner v2',
        result: [{ id: 'p1', type: 'labels', score: 0.9, value: { start: 22, end: 29, text: 'Tuesday', labels: ['DATE'] } }],
      },
    ],
    ...overrides,
  };
}

describe('parseLabelStudio', () => {
  it('makes a layer of each annotation and of the predictions', () => {
    const result = parseLabelStudio(JSON.stringify([task()]), 'export.json', { now: '2026-01-01T00:00:00.000Z' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [doc] = result.documents;
    expect(doc).toMatchObject({ id: '17', title: 'Idlib', text: TEXT, meta: { source: 'wire' }, spans: [] });
    expect(Object.keys(doc.layers ?? {})).toEqual(['ls-user-3', 'ls-user-5', 'suggestions-ner-v2']);
    expect(doc.layers?.['ls-user-5']).toEqual({ name: 'Omar K', kind: 'gold', spans: [], status: 'done' });
    expect(doc.layers?.['ls-user-3'].spans).toEqual([
      { id: 'ls-user-3-t17-a1', start: 13, end: 18, label: 'LOCATION', text: 'Idlib', annotator: 'ls-user-3', createdAt: '2025-05-01T10:00:00Z' },
      {
        id: 'ls-user-3-t17-a2-1',
        start: 39,
        end: 52,
        label: 'CASUALTY',
        text: 'two civilians',
        annotator: 'ls-user-3',
        createdAt: '2025-05-01T10:00:00Z',
        attributes: { kind: 'killed', count: 2 },
        note: 'check the count',
      },
      {
        id: 'ls-user-3-t17-a2-2',
        start: 39,
        end: 52,
        label: 'ACTOR',
        text: 'two civilians',
        annotator: 'ls-user-3',
        createdAt: '2025-05-01T10:00:00Z',
        attributes: { kind: 'killed', count: 2 },
        note: 'check the count',
      },
    ]);
    expect(doc.layers?.['suggestions-ner-v2']).toMatchObject({
      kind: 'suggestions',
      status: 'new',
      spans: [{ start: 22, end: 29, label: 'DATE', source: 'ner v2', score: 0.9, createdAt: '2026-01-01T00:00:00.000Z' }],
    });
    expect(result.warnings).toEqual([
      'relation results not imported: 1',
      'choices results not tied to a labelled region not imported: 1',
      'cancelled annotations not imported: 1',
    ]);
  });

  it('reads the text from another data field when told', () => {
    const result = parseLabelStudio(JSON.stringify({ data: { body: TEXT } }), 'one.json', { textField: 'body' });
    expect(result.ok && result.documents[0].text).toBe(TEXT);
  });

  it.each([
    ['a region whose text does not match', { data: { text: TEXT }, annotations: [{ completed_by: 1, result: [{ id: 'x', type: 'labels', value: { start: 13, end: 18, text: 'Aleppo', labels: ['LOCATION'] } }] }] }, /says it covers "Aleppo"/],
    ['offsets past the end', { data: { text: TEXT }, annotations: [{ completed_by: 1, result: [{ id: 'x', type: 'labels', value: { start: 13, end: 99, labels: ['LOCATION'] } }] }] }, /end offset 99 is past the end/],
    ['a region without labels', { data: { text: TEXT }, annotations: [{ completed_by: 1, result: [{ id: 'x', type: 'labels', value: { start: 13, end: 18 } }] }] }, /value.labels must be a non-empty list/],
    ['no text', { data: { html: '<p>x</p>' } }, /has no text in data.text/],
    ['two annotations by one person', { data: { text: TEXT }, annotations: [{ completed_by: 1, result: [] }, { completed_by: 1, result: [] }] }, /two annotations by Label Studio user 1/],
  ])('refuses %s, naming the line of the result', (_, badTask, message) => {
    const content = JSON.stringify([task(), badTask], null, 2);
    const result = parseLabelStudio(content, 'export.json');
    expect(!result.ok && result.error.message).toMatch(message);
    const line = !result.ok ? (result.error.line ?? 0) : 0;
    const secondTaskLine = content.split('\n').findLastIndex((text) => text === '  {') + 1;
    expect(line).toBeGreaterThanOrEqual(secondTaskLine);
  });
});
