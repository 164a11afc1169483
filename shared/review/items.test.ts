import { describe, it, expect } from 'vitest';
import { span } from '../agreement/fixture';
import type { Span } from '../types';
import { isDecided, openItems, reviewItems, reviewStatus, type GoldDecisions } from './items';

const gold = (spans: Span[], rejected: string[] = []): GoldDecisions => ({ spans, rejected });
const ids = (layers: Record<string, Span[]>, decisions = gold([])) => openItems(reviewItems(layers), decisions).map((item) => item.id);

describe('reviewItems', () => {
  it('lists disagreements and agreed spans together in text order', () => {
    const layers = {
      a: [span(0, 5, 'ACTOR', 'a'), span(10, 20, 'LOCATION', 'a'), span(30, 34, 'DATE', 'a')],
      b: [span(0, 5, 'LOCATION', 'b'), span(10, 20, 'LOCATION', 'b'), span(31, 34, 'DATE', 'b'), span(40, 45, 'ACTOR', 'b')],
    };
    const items = reviewItems(layers);
    expect(items.map((item) => [item.id, item.kind])).toEqual([
      ['label:0-5', 'label'],
      ['agreed:LOCATION:10-20', 'agreed'],
      ['boundary:DATE:30-34', 'boundary'],
      ['missing:ACTOR:40-45', 'missing'],
    ]);
    expect(items[1].spans).toEqual({ a: [layers.a[1]], b: [layers.b[1]] });
    expect(items[3].spans).toEqual({ a: [], b: [layers.b[3]] });
  });

  it('has nothing to review with fewer than two annotators', () => {
    expect(reviewItems({ a: [span(0, 5, 'ACTOR', 'a')] })).toEqual([]);
    expect(reviewItems({})).toEqual([]);
  });
});

describe('isDecided', () => {
  const layers = { a: [span(0, 5, 'ACTOR', 'a'), span(10, 20, 'DATE', 'a')], b: [span(0, 5, 'LOCATION', 'b'), span(12, 20, 'DATE', 'b')] };
  const [label, boundary] = reviewItems(layers);

  it('counts a gold span of one of the item labels over its range as a decision', () => {
    expect(isDecided(label, gold([span(0, 5, 'LOCATION', 'g')]))).toBe(true);
    expect(isDecided(boundary, gold([span(14, 18, 'DATE', 'g')]))).toBe(true);
  });

  it('does not count a span of another label, or one beside the range', () => {
    expect(isDecided(label, gold([span(0, 5, 'DATE', 'g')]))).toBe(false);
    expect(isDecided(boundary, gold([span(10, 20, 'ACTOR', 'g'), span(20, 25, 'DATE', 'g')]))).toBe(false);
  });

  it('counts a rejection', () => {
    expect(isDecided(boundary, gold([], ['boundary:DATE:10-20']))).toBe(true);
    expect(ids(layers, gold([], ['boundary:DATE:10-20']))).toEqual(['label:0-5']);
  });

  it('keeps a nested agreed span apart from a disagreement of another label around it', () => {
    const nested = {
      a: [span(0, 20, 'CASUALTY', 'a'), span(9, 20, 'ACTOR', 'a')],
      b: [span(9, 20, 'ACTOR', 'b')],
    };
    expect(ids(nested)).toEqual(['missing:CASUALTY:0-20', 'agreed:ACTOR:9-20']);
    expect(ids(nested, gold([span(9, 20, 'ACTOR', 'g')]))).toEqual(['missing:CASUALTY:0-20']);
  });
});

describe('reviewStatus', () => {
  it('needs two annotators, then review until nothing is open', () => {
    expect(reviewStatus(0, 0)).toBe('not-needed');
    expect(reviewStatus(1, 3)).toBe('not-needed');
    expect(reviewStatus(2, 1)).toBe('needs-review');
    expect(reviewStatus(3, 0)).toBe('reviewed');
  });
});
