import { describe, it, expect } from 'vitest';
import { span } from '../agreement/fixture';
import { applyEdits } from '../spans';
import type { Span } from '../types';
import { acceptAgreed, decide, type ReviewDecision } from './decisions';
import { isDecided, reviewItems, type GoldDecisions, type ReviewItem } from './items';

const WHO = { adjudicator: 'lead-1', at: '2026-03-01T10:00:00.000Z' };
const TEXT = 'x'.repeat(100);
const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];

const layers = {
  amira: [span(0, 5, 'ACTOR', 'amira'), span(10, 20, 'DATE', 'amira'), span(30, 40, 'LOCATION', 'amira'), span(50, 55, 'ACTOR', 'amira')],
  omar: [span(0, 5, 'LOCATION', 'omar'), span(12, 20, 'DATE', 'omar'), span(50, 55, 'ACTOR', 'omar')],
  lina: [span(0, 5, 'ACTOR', 'lina'), span(12, 20, 'DATE', 'lina'), span(30, 40, 'LOCATION', 'lina')],
};
const items = reviewItems(layers);
const item = (id: string): ReviewItem => items.find((each) => each.id === id)!;

/** Decide, apply the edits as the store would, and give back the gold layer after it. */
function applied(target: ReviewItem, decision: ReviewDecision, gold: GoldDecisions = { spans: [], rejected: [] }): GoldDecisions {
  const outcome = decide(target, decision, gold, WHO);
  if (!outcome.ok) throw new Error(outcome.message);
  const result = applyEdits(gold.spans, outcome.change.edits, { text: TEXT, annotator: WHO.adjudicator, now: WHO.at, labels: LABELS });
  if (!result.ok) throw new Error(result.message);
  return { spans: result.spans, rejected: outcome.change.rejected };
}

const brief = (gold: GoldDecisions) => gold.spans.map((s) => `${s.start}-${s.end} ${s.label} [${s.provenance?.annotators.join(',')}]`);

describe('decide', () => {
  it('accepts one annotator’s version with everyone who had it in its provenance', () => {
    const gold = applied(item('boundary:DATE:10-20'), { kind: 'accept', annotators: ['omar'] });
    expect(brief(gold)).toEqual(['12-20 DATE [omar,lina]']);
    expect(gold.spans[0]).toMatchObject({
      id: 'gold-omar-DATE-12-20',
      annotator: 'lead-1',
      createdAt: WHO.at,
      provenance: { annotators: ['omar', 'lina'], adjudicator: 'lead-1', at: WHO.at },
    });
    expect(isDecided(item('boundary:DATE:10-20'), gold)).toBe(true);
  });

  it('accepts both versions of a label disagreement, which may share a range', () => {
    const gold = applied(item('label:0-5'), { kind: 'accept', annotators: ['amira', 'omar', 'lina'] });
    expect(brief(gold)).toEqual(['0-5 ACTOR [amira,lina]', '0-5 LOCATION [omar]']);
  });

  it('refuses both versions of a boundary disagreement: gold never overlaps one label', () => {
    const outcome = decide(item('boundary:DATE:10-20'), { kind: 'accept', annotators: ['amira', 'omar'] }, { spans: [], rejected: [] }, WHO);
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('choose one version') });
  });

  it('refuses an annotator who did not work on the document', () => {
    expect(decide(item('label:0-5'), { kind: 'accept', annotators: ['nobody'] }, { spans: [], rejected: [] }, WHO)).toEqual({
      ok: false,
      message: '"nobody" did not work on this document.',
    });
  });

  it('records a rejection, and an empty version counts as one', () => {
    const missing = item('missing:LOCATION:30-40');
    expect(applied(missing, { kind: 'reject' })).toEqual({ spans: [], rejected: ['missing:LOCATION:30-40'] });
    expect(applied(missing, { kind: 'accept', annotators: ['omar'] })).toEqual({ spans: [], rejected: ['missing:LOCATION:30-40'] });
  });

  it('replaces an earlier decision, and reopens', () => {
    const target = item('boundary:DATE:10-20');
    const first = applied(target, { kind: 'accept', annotators: ['amira'] });
    const second = applied(target, { kind: 'accept', annotators: ['lina'] }, first);
    expect(brief(second)).toEqual(['12-20 DATE [omar,lina]']);
    const rejected = applied(target, { kind: 'reject' }, second);
    expect(rejected).toEqual({ spans: [], rejected: ['boundary:DATE:10-20'] });
    const reopened = applied(target, { kind: 'reopen' }, applied(target, { kind: 'accept', annotators: ['amira'] }, rejected));
    expect(reopened).toEqual({ spans: [], rejected: [] });
    expect(isDecided(target, reopened)).toBe(false);
  });

  it('leaves other decisions alone', () => {
    const other: Span = { ...span(50, 55, 'ACTOR', 'lead-1'), id: 'gold-x' };
    const gold = applied(item('label:0-5'), { kind: 'reject' }, { spans: [other], rejected: ['missing:LOCATION:30-40'] });
    expect(gold).toEqual({ spans: [other], rejected: ['missing:LOCATION:30-40', 'label:0-5'] });
  });

  it('gives a new id when the usual one is taken or is no valid id', () => {
    const odd = reviewItems({ a: [{ ...span(0, 5, 'ACTOR', 'a'), id: 'ü ü' }], b: [] })[0];
    const taken: Span = { ...span(60, 70, 'ACTOR', 'lead-1'), id: 'gold-0-5' };
    const gold = applied(odd, { kind: 'accept', annotators: ['a'] }, { spans: [taken], rejected: [] });
    expect(gold.spans.map((s) => s.id)).toEqual(['gold-0-5-2', 'gold-0-5']);
  });
});

describe('acceptAgreed', () => {
  it('adds one gold span per agreed item naming all annotators, and leaves the rest', () => {
    const agreedLayers = { a: [span(0, 5, 'ACTOR', 'a'), span(10, 12, 'DATE', 'a')], b: [span(0, 5, 'ACTOR', 'b'), span(10, 13, 'DATE', 'b')] };
    const { change, accepted } = acceptAgreed(reviewItems(agreedLayers), { spans: [], rejected: ['x'] }, WHO);
    expect(accepted).toBe(1);
    expect(change).toEqual({
      edits: [{ op: 'add', span: expect.objectContaining({ start: 0, end: 5, label: 'ACTOR', provenance: { annotators: ['a', 'b'], ...WHO } }) }],
      rejected: ['x'],
    });
  });

  it('skips an agreed span that would overlap one of its label', () => {
    const broken = { a: [span(0, 5, 'ACTOR', 'a'), span(3, 8, 'ACTOR', 'a')], b: [span(0, 5, 'ACTOR', 'b'), span(3, 8, 'ACTOR', 'b')] };
    const { change, accepted } = acceptAgreed(reviewItems(broken), { spans: [], rejected: [] }, WHO);
    expect(accepted).toBe(1);
    expect(change.edits).toHaveLength(1);
  });
});
