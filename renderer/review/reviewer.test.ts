import { describe, it, expect } from 'vitest';
import type { SpanwiseApi } from '../../shared/api';
import { span } from '../../shared/agreement/fixture';
import {
  acceptAgreed,
  decide,
  findItem,
  openItems,
  reviewItems,
  reviewStatus,
  type GoldDecisions,
  type ReviewDecision,
  type ReviewView,
  type WalkStart,
} from '../../shared/review';
import { applyEdits } from '../../shared/spans';
import type { Span } from '../../shared/types';
import { Reviewer } from './reviewer';

const TEXT = 'x'.repeat(100);
const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];

/** A corpus in memory, reviewed with the very functions the service uses. */
class FakeReviewStore {
  gold = new Map<string, GoldDecisions>();
  calls: string[] = [];
  constructor(readonly layers: Record<string, Record<string, Span[]>>) {}

  view(docId: string): ReviewView {
    const layers = this.layers[docId];
    const gold = this.gold.get(docId) ?? { spans: [], rejected: [] };
    const items = reviewItems(layers);
    const open = openItems(items, gold);
    return {
      document: { id: docId, title: docId, text: TEXT, textHash: 'h', meta: {}, importedAt: '' },
      annotators: [
        { id: 'amira', name: 'Amira', initials: 'AM' },
        { id: 'omar', name: 'Omar', initials: 'OM' },
      ],
      layers,
      gold: [...gold.spans],
      items: open,
      decided: items.length - open.length,
      meanF1: null,
      status: reviewStatus(Object.keys(layers).length, open.length),
    };
  }

  apply(docId: string, edits: Parameters<typeof applyEdits>[1], rejected: string[]): void {
    const current = this.gold.get(docId) ?? { spans: [], rejected: [] };
    const result = applyEdits(current.spans, edits, { text: TEXT, annotator: 'lead', now: 'now', labels: LABELS });
    if (!result.ok) throw new Error(result.message);
    this.gold.set(docId, { spans: result.spans, rejected });
  }

  api(): SpanwiseApi {
    const api: Partial<SpanwiseApi> = {
      getReview: async (docId) => this.view(docId),
      decideReviewItem: async (docId: string, itemId: string, decision: ReviewDecision) => {
        this.calls.push(`${decision.kind} ${docId} ${itemId}`);
        const item = reviewItems(this.layers[docId]).find((each) => each.id === itemId)!;
        const outcome = decide(item, decision, this.gold.get(docId) ?? { spans: [], rejected: [] }, { adjudicator: 'lead', at: 'now' });
        if (!outcome.ok) throw new Error(outcome.message);
        this.apply(docId, outcome.change.edits, outcome.change.rejected);
        return this.view(docId);
      },
      acceptAgreed: async (docId?: string) => {
        let accepted = 0;
        for (const id of docId ? [docId] : Object.keys(this.layers)) {
          const gold = this.gold.get(id) ?? { spans: [], rejected: [] };
          const result = acceptAgreed(openItems(reviewItems(this.layers[id]), gold), gold, { adjudicator: 'lead', at: 'now' });
          this.apply(id, result.change.edits, result.change.rejected);
          accepted += result.accepted;
        }
        return { accepted, documents: 1, failures: [] };
      },
      findReviewItem: async (step: 1 | -1, from?: WalkStart) =>
        findItem(Object.keys(this.layers), (docId) => this.view(docId).items, from ?? null, step),
    };
    return api as SpanwiseApi;
  }
}

function store(): FakeReviewStore {
  return new FakeReviewStore({
    d1: {
      amira: [span(0, 5, 'ACTOR', 'amira'), span(10, 20, 'DATE', 'amira'), span(30, 35, 'LOCATION', 'amira')],
      omar: [span(0, 5, 'LOCATION', 'omar'), span(12, 20, 'DATE', 'omar'), span(30, 35, 'LOCATION', 'omar')],
    },
    d2: { amira: [span(40, 45, 'ACTOR', 'amira')], omar: [] },
  });
}

const focused = (reviewer: Reviewer) => reviewer.getSnapshot().itemId;

describe('Reviewer', () => {
  it('opens at the first open item, and each decision moves on to the next', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1');
    expect(focused(reviewer)).toBe('label:0-5');
    await reviewer.run({ kind: 'accept', annotator: 2 });
    expect(fake.gold.get('d1')?.spans.map((s) => `${s.label} ${s.provenance?.annotators}`)).toEqual(['LOCATION omar']);
    expect(focused(reviewer)).toBe('boundary:DATE:10-20');
    await reviewer.run({ kind: 'reject' });
    expect(focused(reviewer)).toBe('agreed:LOCATION:30-35');
    await reviewer.run({ kind: 'accept-all' });
    expect(focused(reviewer)).toBeNull();
    expect(reviewer.getSnapshot().view?.status).toBe('reviewed');
    expect(reviewer.getSnapshot().notice?.text).toContain('Everything in this document is decided');
  });

  it('runs keys pressed in quick succession one after another', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1');
    const presses = [reviewer.run({ kind: 'accept', annotator: 1 }), reviewer.run({ kind: 'accept', annotator: 1 }), reviewer.run({ kind: 'reject' })];
    await Promise.all(presses);
    expect(fake.calls).toEqual(['accept d1 label:0-5', 'accept d1 boundary:DATE:10-20', 'reject d1 agreed:LOCATION:30-35']);
  });

  it('walks on into the next document, and says when nothing is left', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1', 'agreed:LOCATION:30-35');
    await reviewer.run({ kind: 'next-item', step: 1 });
    expect(reviewer.getSnapshot().view?.document.id).toBe('d2');
    expect(focused(reviewer)).toBe('missing:ACTOR:40-45');
    await reviewer.run({ kind: 'next-item', step: -1 });
    expect(reviewer.getSnapshot().view?.document.id).toBe('d1');
    expect(focused(reviewer)).toBe('agreed:LOCATION:30-35');
    await reviewer.run({ kind: 'accept-agreed', scope: 'corpus' });
    for (const item of ['label:0-5', 'boundary:DATE:10-20']) {
      reviewer.focus(item);
      await reviewer.run({ kind: 'reject' });
    }
    await reviewer.run({ kind: 'next-item', step: 1 });
    expect(reviewer.getSnapshot().view?.document.id).toBe('d2');
    await reviewer.run({ kind: 'reject' });
    await reviewer.run({ kind: 'next-item', step: 1 });
    expect(reviewer.getSnapshot().notice?.text).toBe('Nothing is left to review in the corpus.');
  });

  it('says who did not work on a document, and takes the last decision back', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1');
    await reviewer.run({ kind: 'accept', annotator: 3 });
    expect(reviewer.getSnapshot().notice?.text).toBe('There is no annotator 3 in this project.');
    await reviewer.run({ kind: 'accept', annotator: 1 });
    expect(reviewer.getSnapshot().canUndo).toBe(true);
    await reviewer.run({ kind: 'undo-decision' });
    expect(fake.calls.at(-1)).toBe('reopen d1 label:0-5');
    expect(focused(reviewer)).toBe('label:0-5');
    expect(fake.gold.get('d1')?.spans).toEqual([]);
    expect(reviewer.getSnapshot().canUndo).toBe(false);
  });

  it('shows a refusal from the service and keeps the item in focus', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1', 'boundary:DATE:10-20');
    await reviewer.run({ kind: 'accept-all' });
    expect(reviewer.getSnapshot().notice).toEqual({ text: expect.stringContaining('choose one version'), tone: 'error' });
    expect(focused(reviewer)).toBe('boundary:DATE:10-20');
  });

  it('prepares an edit by hand: the first version goes into gold, and the editor opens at it', async () => {
    const fake = store();
    const reviewer = new Reviewer(fake.api());
    await reviewer.open('d1', 'boundary:DATE:10-20');
    const edit = await reviewer.run({ kind: 'edit-by-hand' });
    expect(edit).toEqual({ docId: 'd1', spanId: 'gold-amira-DATE-10-20', item: { id: 'boundary:DATE:10-20', start: 10, end: 20 } });
    // Taken out again by hand: coming back focuses the item, open again.
    fake.gold.set('d1', { spans: [], rejected: [] });
    await reviewer.refresh(edit!.item);
    expect(focused(reviewer)).toBe('boundary:DATE:10-20');
  });
});
