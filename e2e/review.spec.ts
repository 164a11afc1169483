/**
 * Several annotators: two annotators tag the same sample article in a project of their own,
 * the reviewer merges that folder, sees the agreement, and settles every disagreement from the
 * keyboard alone; the gold layer on disk, and its export, hold exactly what was chosen.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SpanwiseExport } from '../shared/formats/spanwise';
import type { LayerDocument, Span } from '../shared/types';
import { test, expect } from './fixtures';
import { codePointRange } from './phrases';
import { layerFile } from './project-files';

/** What each of the two annotators tags on the article: [phrase, label]. */
const AMIRA: Array<[string, string]> = [
  ['At least nine civilians', 'CASUALTY'],
  ['Tuesday', 'DATE'],
  ['Sahel al-Rouj plain', 'LOCATION'],
  ['Civil Rescue Corps', 'ACTOR'],
];
const BILAL: Array<[string, string]> = [
  ['nine civilians', 'CASUALTY'],
  ['Tuesday', 'ACTOR'],
  ['Civil Rescue Corps', 'ACTOR'],
  ['Northern Liberation Front', 'ACTOR'],
];

/** The item in focus in the review panel. */
function currentItem(page: Page) {
  return page.locator('[data-testid=review-item][aria-current=true]');
}

test('two annotators merged, every disagreement settled by keyboard, gold on disk and in the export', async ({ app, page }) => {
  // Their machine, simulated on this server: a second project holding the same article.
  const session = await app.call('setAnnotator', ['Rahel']);
  const reviewer = session.annotator!.id;
  const sampleDir = session.project!.dir;
  const [first] = await app.call('listDocuments', []);
  const { document } = await app.call('getDocument', [first.id]);
  const theirDir = join(app.dataDir, 'their-project');
  await app.call('createProject', [theirDir, 'Their copy']);
  await app.call('importTexts', [[{ name: 'article.txt', id: document.id, title: document.title, text: document.text }]]);
  const ids: Record<string, string> = {};
  for (const [name, tags] of [['Amira', AMIRA], ['Bilal', BILAL]] as const) {
    const who = await app.call('setAnnotator', [name]);
    ids[name] = who.annotator!.id;
    const edits = tags.map(([phrase, label], index) => ({
      op: 'add' as const,
      span: { id: `s-${name.toLowerCase()}-${index}`, ...codePointRange(document.text, phrase), label },
    }));
    await app.call('editSpans', [document.id, edits]);
  }

  // The reviewer's machine: back in the sample project, the other folder merged in.
  await app.call('openProject', [sampleDir]);
  await app.call('setAnnotator', ['Rahel']);
  const merged = await app.call('mergeLayers', [theirDir]);
  expect(merged.layers.map((layer) => [layer.name, layer.written])).toEqual([
    ['Amira', 1],
    ['Bilal', 1],
  ]);

  await page.goto(app.url);
  await expect(page.locator('[data-testid=annotator-display]')).toContainText('Rahel');
  const row = page.locator(`[data-testid=doc-item][data-doc-id="${document.id}"]`);
  await expect(row.locator('[data-testid=doc-review]')).toHaveClass(/sw-review-needs-review/);
  // The list row gives the number of annotators and their agreement; the filter narrows the list
  // to the documents needing review, and widens it again.
  await expect(row).toContainText('2 annotators');
  await expect(row).toContainText('F1 0.25');
  const everything = await page.locator('[data-testid=doc-item]').count();
  expect(everything).toBeGreaterThan(1);
  const filter = page.locator('[data-testid=review-filter]');
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid=doc-item]')).toHaveCount(1);
  await expect(row).toBeVisible();
  await filter.click();
  await expect(page.locator('[data-testid=doc-item]')).toHaveCount(everything);

  // The agreement screen, from its key: the pair, and the document to review.
  await page.keyboard.press('Control+Shift+G');
  await expect(page.locator('[data-testid=agreement-cell]').first()).toContainText('0.25');
  await expect(page.locator('[data-testid=agreement-document]')).toHaveCount(1);
  // A document of that list opens its review; back to the agreement screen by its key.
  await page.locator(`[data-testid=agreement-document][data-doc-id="${document.id}"] .ag-doc-link`).click();
  await expect(page.locator('[data-testid=review-screen]')).toBeVisible();
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^boundary:CASUALTY:/);
  await page.keyboard.press('Control+Shift+G');
  await expect(page.locator('[data-testid=agreement-documents]')).toBeVisible();

  // The review screen: the first open item of the corpus is in focus.
  await page.keyboard.press('Control+Shift+V');
  await expect(page.locator('[data-testid=review-screen]')).toBeVisible();
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^boundary:CASUALTY:/);

  // Everything both agree on goes into gold at once.
  await page.keyboard.press('Shift+A');
  await expect(page.locator('[data-testid=review-message]')).toContainText('Accepted 1 span everyone agrees on in 1 document');
  await expect(page.locator('[data-testid=review-item][data-item-id^="agreed:"]')).toHaveCount(0);

  // Boundary: edit by hand first (Amira's version comes into gold, selected in the editor), take
  // it out there, come back — the disagreement is open again — and take Bilal's.
  await page.keyboard.press('e');
  await expect(page.locator('[data-testid=gold-editing]')).toBeVisible();
  await expect(page.locator('[data-testid=editor] .sw-span.sw-span-selected').first()).toContainText('At least');
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-testid=editor] .sw-span[data-label=CASUALTY]')).toHaveCount(0);
  // The span that was selected is gone, so the first Esc leaves editing.
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid=gold-editing]')).toHaveCount(0);
  await expect(page.locator('[data-testid=review-screen] [data-testid=review-text]')).toBeVisible();
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^boundary:CASUALTY:/);
  await page.keyboard.press('2');

  // Label: Amira's DATE. Missing (Amira only): rejected. Missing (Bilal only): accepted.
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^label:/);
  await page.keyboard.press('1');
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^missing:LOCATION:/);
  await page.keyboard.press('x');
  await expect(currentItem(page)).toHaveAttribute('data-item-id', /^missing:ACTOR:/);
  await page.keyboard.press('2');
  await expect(page.locator('[data-testid=review-items]')).toContainText('Nothing left to decide');
  await page.keyboard.press('n');
  await expect(page.locator('[data-testid=review-message]')).toContainText('Nothing is left to review in the corpus');
  await expect(row.locator('[data-testid=doc-review]')).toHaveClass(/sw-review-reviewed/);

  // The gold layer on disk: exactly the chosen spans, each with who had it and who decided.
  const goldFile = layerFile(sampleDir, 'gold', document.id);
  await expect.poll(async () => ((JSON.parse(await readFile(goldFile, 'utf8')) as LayerDocument).spans.length)).toBe(4);
  const gold = JSON.parse(await readFile(goldFile, 'utf8')) as LayerDocument;
  const expected = [
    ['nine civilians', 'CASUALTY', [ids.Bilal]],
    ['Tuesday', 'DATE', [ids.Amira]],
    ['Civil Rescue Corps', 'ACTOR', [ids.Amira, ids.Bilal]],
    ['Northern Liberation Front', 'ACTOR', [ids.Bilal]],
  ].map(([phrase, label, annotators]) => ({ ...codePointRange(document.text, phrase as string), label, text: phrase, annotators }));
  const brief = (spans: Span[]) =>
    spans
      .map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text, annotators: s.provenance?.annotators }))
      .sort((x, y) => x.start - y.start);
  expect(brief(gold.spans)).toEqual(expected.sort((x, y) => x.start - y.start));
  for (const span of gold.spans) {
    expect(span.provenance).toEqual({ annotators: expect.any(Array), adjudicator: reviewer, at: span.createdAt });
    expect(span.annotator).toBe(reviewer);
  }
  expect(gold.rejected).toEqual([expect.stringMatching(/^missing:LOCATION:/)]);

  // The export of the gold layer holds the same spans with their provenance.
  const outDir = join(app.dataDir, 'gold-export');
  const exported = await app.call('exportData', [{ format: 'spanwise', layer: 'gold', outDir }]);
  const file = JSON.parse(await readFile(exported.files[0]!, 'utf8')) as SpanwiseExport;
  const goldOut = file.documents.find((doc) => doc.document.id === document.id)?.layers.gold;
  expect(brief(goldOut?.spans ?? [])).toEqual(brief(gold.spans));
  expect(goldOut?.spans.map((s) => s.provenance)).toEqual(gold.spans.map((s) => s.provenance));
});
