import { describe, it, expect } from 'vitest';
import { span } from './fixture';
import { goldSpanFrom, goldSpanFromConsensus } from './gold';
import { majorityLayer } from './majority';

const AT = '2026-02-01T12:00:00.000Z';

describe('goldSpanFrom', () => {
  const source = span(3, 20, 'CASUALTY', 'amira-1', {
    id: 's-1',
    text: 'At least two civilians',
    attributes: { kind: 'killed', count: 2, qualifier: 'at least' },
    note: 'check count',
    fragments: [
      [3, 8],
      [10, 20],
    ],
    updatedAt: '2026-01-02T00:00:00.000Z',
    source: 'rule:casualty',
    score: 0.4,
  });

  it('keeps the span and makes the adjudicator its author, with provenance', () => {
    expect(goldSpanFrom(source, { annotators: ['amira-1', 'omar-2'], adjudicator: 'lead-9', at: AT })).toEqual({
      id: 'gold-s-1',
      start: 3,
      end: 20,
      label: 'CASUALTY',
      text: 'At least two civilians',
      annotator: 'lead-9',
      createdAt: AT,
      attributes: { kind: 'killed', count: 2, qualifier: 'at least' },
      note: 'check count',
      fragments: [
        [3, 8],
        [10, 20],
      ],
      provenance: { annotators: ['amira-1', 'omar-2'], adjudicator: 'lead-9', at: AT },
    });
  });

  it('takes a given id, and shares no objects with its inputs', () => {
    const annotators = ['amira-1'];
    const attributes = { count: 2 };
    const fragments: Array<[number, number]> = [[3, 8]];
    const gold = goldSpanFrom(span(3, 8, 'CASUALTY', 'amira-1', { attributes, fragments }), {
      annotators,
      adjudicator: 'lead-9',
      at: AT,
      id: 'g-7',
    });
    expect(gold.id).toBe('g-7');
    annotators.push('x');
    attributes.count = 3;
    fragments[0][0] = 0;
    expect(gold.provenance?.annotators).toEqual(['amira-1']);
    expect(gold.attributes?.count).toBe(2);
    expect(gold.fragments?.[0]).toEqual([3, 8]);
  });

  it('leaves out optional fields the source does not have', () => {
    expect(Object.keys(goldSpanFrom(span(0, 4, 'DATE'), { annotators: ['a'], adjudicator: 'lead', at: AT })).sort()).toEqual(
      ['annotator', 'createdAt', 'end', 'id', 'label', 'provenance', 'start', 'text'],
    );
  });
});

describe('goldSpanFromConsensus', () => {
  it('names every supporting annotator and copies the first one\'s span', () => {
    const [consensus] = majorityLayer({
      a: [span(0, 5, 'ACTOR', 'a', { note: 'from a' })],
      b: [span(0, 5, 'ACTOR', 'b', { note: 'from b' })],
      c: [],
    });
    const gold = goldSpanFromConsensus(consensus, 'lead', AT);
    expect(gold).toMatchObject({ start: 0, end: 5, label: 'ACTOR', note: 'from a', annotator: 'lead' });
    expect(gold.provenance).toEqual({ annotators: ['a', 'b'], adjudicator: 'lead', at: AT });
  });

  it('refuses a consensus nobody supports', () => {
    expect(() => goldSpanFromConsensus({ start: 0, end: 5, label: 'ACTOR', spans: {} }, 'lead', AT)).toThrow(
      /No annotator supports the span ACTOR 0-5/,
    );
  });
});
