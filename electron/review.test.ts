import { describe, it, expect, vi } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ReviewView } from '../shared/review';
import type { ApiEvent } from '../shared/api';
import type { LayerDocument } from '../shared/types';
import { Layers } from './layers';
import { createService } from './service';
import { ARTICLE, machine, OTHER_ARTICLE, tagAs, type Machine } from './review-test-support';

interface Reviewed {
  here: Machine;
  doc: string;
  other: string;
  amira: string;
  omar: string;
  rahel: string;
}

/**
 * Amira and Omar tag the article on their machine; Rahel merges their folder and reviews.
 * On the article they agree on Ariha, differ in label on Tuesday, in boundary on the Front, and
 * each has a span the other lacks. On the other article only Amira worked.
 */
async function reviewed(omarOnOther: Array<[string, string]> | null = null): Promise<Reviewed> {
  const theirs = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }]);
  const [doc, other] = theirs.docIds;
  const amira = await tagAs(theirs, 'Amira', {
    [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'DATE'], ['The Northern Front', 'ACTOR'], ['16 fighters', 'CASUALTY']],
    [other]: [['Idlib', 'LOCATION'], ['two civilians', 'CASUALTY']],
  });
  const omar = await tagAs(theirs, 'Omar', {
    [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'ACTOR'], ['Northern Front', 'ACTOR'], ['Tell Hamra', 'LOCATION']],
    ...(omarOnOther ? { [other]: omarOnOther } : {}),
  });
  await theirs.service.close();
  const here = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }]);
  const rahel = await tagAs(here, 'Rahel', {});
  await here.service.mergeLayers(theirs.projectDir);
  return { here, doc, other, amira, omar, rahel };
}

const itemsOf = (view: ReviewView) => view.items.map((item) => item.id);

async function goldOnDisk(projectDir: string, docId: string): Promise<LayerDocument> {
  return JSON.parse(await readFile(path.join(projectDir, 'layers', 'gold', `${docId}.json`), 'utf8')) as LayerDocument;
}

describe('review of merged work', () => {
  it('lists every item of a document, with the annotators in a fixed order', async () => {
    const { here, doc, amira, omar } = await reviewed();
    const view = await here.service.getReview(doc);
    expect(view.annotators).toEqual([
      { id: amira, name: 'Amira', initials: 'AM' },
      { id: omar, name: 'Omar', initials: 'OM' },
    ]);
    expect(itemsOf(view)).toEqual([
      'agreed:LOCATION:13-18',
      'label:22-29',
      'boundary:ACTOR:31-49',
      'missing:CASUALTY:55-66',
      'missing:LOCATION:84-94',
    ]);
    expect(view.items[2].spans[amira].map((s) => s.text)).toEqual(['The Northern Front']);
    expect(view.items[2].spans[omar].map((s) => s.text)).toEqual(['Northern Front']);
    expect(view).toMatchObject({ decided: 0, status: 'needs-review', meanF1: 0.25, gold: [] });
    await here.service.close();
  });

  it('does not count the reviewer as an annotator for having had the document open', async () => {
    const { here, doc, amira, omar } = await reviewed();
    // Reading the article in the editor saves the time spent in the reviewer's own layer.
    await here.service.addTimeSpent(doc, 4_000);
    const view = await here.service.getReview(doc);
    expect(Object.keys(view.layers).sort()).toEqual([amira, omar].sort());
    expect(itemsOf(view)[0]).toBe('agreed:LOCATION:13-18');
    expect(view.meanF1).toBe(0.25);
    expect((await here.service.listDocuments()).find((d) => d.id === doc)).toMatchObject({ annotatorCount: 2, agreement: 0.25 });
    expect((await here.service.acceptAgreed()).accepted).toBe(1);
    await here.service.close();
  });

  it('shows agreement and review status in the document list, and keeps them up to date', async () => {
    const { here, doc, other } = await reviewed();
    expect((await here.service.listDocuments()).map((d) => [d.id, d.annotatorCount, d.agreement, d.review])).toEqual([
      [doc, 2, 0.25, 'needs-review'],
      [other, 1, null, 'not-needed'],
    ]);
    const view = await here.service.getReview(doc);
    for (const item of view.items) await here.service.decideReviewItem(doc, item.id, { kind: 'reject' });
    expect((await here.service.listDocuments()).find((d) => d.id === doc)?.review).toBe('reviewed');
    await here.service.close();
  });

  it('lists the documents without waiting for figures still being worked out, and says when they are ready', async () => {
    const { here, doc, other } = await reviewed();
    await here.service.close();
    // A fresh service and no cache file, so nothing is cached; the annotators' files are held back as a slow disk would.
    await rm(path.join(here.projectDir, '.spanwise', 'cache'), { recursive: true, force: true });
    const service = await createService({ dataDir: here.dataDir, projectDir: here.projectDir, mode: 'desktop' });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = Layers.prototype.readThrough;
    const spy = vi.spyOn(Layers.prototype, 'readThrough').mockImplementation(async function (this: Layers, ...args) {
      await held;
      return read.apply(this, args);
    });
    const events: ApiEvent[] = [];
    service.onEvent((event) => events.push(event));
    try {
      expect((await service.listDocuments()).map((d) => [d.id, d.annotatorCount, d.agreement, d.review])).toEqual([
        [doc, 2, undefined, undefined],
        [other, 1, null, 'not-needed'],
      ]);
      expect(events).not.toContainEqual({ type: 'review-ready' });
      release();
      await vi.waitFor(() => expect(events).toContainEqual({ type: 'review-ready' }));
      expect((await service.listDocuments()).find((d) => d.id === doc)).toMatchObject({ agreement: 0.25, review: 'needs-review' });
    } finally {
      spy.mockRestore();
      await service.close();
    }
  });

  it('writes each decision to the gold layer with provenance, and the document ends reviewed', async () => {
    const { here, doc, amira, omar, rahel } = await reviewed();
    await here.service.acceptAgreed(doc);
    await here.service.decideReviewItem(doc, 'label:22-29', { kind: 'accept', annotators: [amira] });
    await here.service.decideReviewItem(doc, 'boundary:ACTOR:31-49', { kind: 'accept', annotators: [omar] });
    await here.service.decideReviewItem(doc, 'missing:CASUALTY:55-66', { kind: 'accept', annotators: [amira, omar] });
    const last = await here.service.decideReviewItem(doc, 'missing:LOCATION:84-94', { kind: 'reject' });
    expect(last).toMatchObject({ items: [], decided: 5, status: 'reviewed' });
    await here.service.close();

    const gold = await goldOnDisk(here.projectDir, doc);
    expect(gold).toMatchObject({ layer: 'gold', docId: doc, rejected: ['missing:LOCATION:84-94'] });
    expect(gold.spans.map((s) => [s.text, s.label, s.annotator, s.provenance?.annotators, s.provenance?.adjudicator])).toEqual([
      ['Ariha', 'LOCATION', rahel, [amira, omar], rahel],
      ['Tuesday', 'DATE', rahel, [amira], rahel],
      ['Northern Front', 'ACTOR', rahel, [omar], rahel],
      ['16 fighters', 'CASUALTY', rahel, [amira], rahel],
    ]);
    for (const span of gold.spans) expect(span.provenance?.at).toBe(span.createdAt);
    const info = JSON.parse(await readFile(path.join(here.projectDir, 'layers', 'gold', 'layer.json'), 'utf8'));
    expect(info).toMatchObject({ id: 'gold', kind: 'gold' });
  });

  it('reopens a decision, by the review or by undoing the gold edit', async () => {
    const { here, doc, amira } = await reviewed();
    await here.service.decideReviewItem(doc, 'label:22-29', { kind: 'accept', annotators: [amira] });
    expect(itemsOf(await here.service.getReview(doc))).not.toContain('label:22-29');
    const reopened = await here.service.decideReviewItem(doc, 'label:22-29', { kind: 'reopen' });
    expect(itemsOf(reopened)).toContain('label:22-29');
    expect(reopened.gold).toEqual([]);

    await here.service.decideReviewItem(doc, 'boundary:ACTOR:31-49', { kind: 'accept', annotators: [amira] });
    expect((await here.service.listDocuments())[0].review).toBe('needs-review');
    await here.service.undo(doc, 'gold');
    expect(itemsOf(await here.service.getReview(doc))).toContain('boundary:ACTOR:31-49');
    await here.service.close();
  });

  it('refuses both versions of a boundary disagreement, and an item that is no more', async () => {
    const { here, doc, amira, omar } = await reviewed();
    await expect(here.service.decideReviewItem(doc, 'boundary:ACTOR:31-49', { kind: 'accept', annotators: [amira, omar] })).rejects.toThrow(
      /choose one version/,
    );
    await expect(here.service.decideReviewItem(doc, 'label:0-3', { kind: 'reject' })).rejects.toThrow(/is not an item of/);
    await here.service.close();
  });

  it('accepts what everyone agrees on across the corpus in one step', async () => {
    const { here, doc, other, amira, omar } = await reviewed([['Idlib', 'LOCATION'], ['two civilians', 'CASUALTY']]);
    const report = await here.service.acceptAgreed();
    expect(report).toEqual({ accepted: 3, documents: 2, failures: [] });
    expect((await here.service.getReview(other)).status).toBe('reviewed');
    const gold = (await here.service.getReview(doc)).gold;
    expect(gold.map((s) => [s.text, s.provenance?.annotators])).toEqual([['Ariha', [amira, omar]]]);
    expect(await here.service.acceptAgreed()).toEqual({ accepted: 0, documents: 0, failures: [] });
    await here.service.close();
  });

  it('walks the open items across documents, and round again', async () => {
    const { here, doc, other } = await reviewed([['Idlib', 'ACTOR']]);
    const first = await here.service.findReviewItem(1);
    expect(first).toEqual({ docId: doc, itemId: 'agreed:LOCATION:13-18', wrapped: false });
    const lastOfDoc = { docId: doc, cursor: { id: 'missing:LOCATION:84-94', start: 84, end: 94 } };
    expect(await here.service.findReviewItem(1, lastOfDoc)).toEqual({ docId: other, itemId: 'label:15-20', wrapped: false });
    expect(await here.service.findReviewItem(-1)).toEqual({ docId: other, itemId: 'missing:CASUALTY:31-44', wrapped: false });
    expect(await here.service.findReviewItem(1, { docId: other, cursor: { id: 'missing:CASUALTY:31-44', start: 31, end: 44 } })).toEqual({
      docId: doc,
      itemId: 'agreed:LOCATION:13-18',
      wrapped: true,
    });
    await here.service.close();
  });

  it('reports agreement per pair over the documents both worked on', async () => {
    const { here, amira, omar } = await reviewed();
    const { annotators, report } = await here.service.getAgreement();
    expect(annotators.map((a) => a.name)).toEqual(['Amira', 'Omar']);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ a: amira, b: omar, documents: 1, exact: { tp: 1, fp: 3, fn: 3, f1: 0.25 } });
    expect(report.pairs[0].overlap).toMatchObject({ tp: 2, f1: 0.5 });
    expect(report.perDocument).toHaveLength(1);
    expect(report.fleiss).toBeNull();
    await here.service.close();
  });
});
