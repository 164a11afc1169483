/**
 * The walking skeleton, as an annotator would live it: name, article, mouse selection, hotkey,
 * and the span still there after a reload, after a server restart, and on disk in code points.
 * Then the editing gestures: nesting, the same-label overlap rule, relabel, delete, done.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { codePointRange, pickName, pickThreeWords } from './phrases';
import { annotatorLayerId, layerFile, readAnnotatorLayer, readDocument } from './project-files';
import {
  boxesOf,
  chipOf,
  clickText,
  docItem,
  dragSelect,
  editorText,
  giveName,
  openDocument,
  openDocumentById,
  SAVED,
  spansOf,
  spanTexts,
  tag,
  tagFirstName,
} from './user';

test('a phrase tagged with the mouse survives reload and restart, saved in code points', async ({ app, page }) => {
  await page.goto(app.url);
  const { docId, phrase, spanId } = await tagFirstName(page, 'Amira');
  await expect(docItem(page, docId).locator('[data-testid=doc-span-count]')).toHaveText('1');

  await page.reload();
  await openDocumentById(page, docId);
  await expect.poll(() => spansOf(page, 'ACTOR')).toEqual([{ id: spanId, text: phrase }]);
  await expect(chipOf(page, spanId)).toBeVisible();

  await app.restart();
  await page.goto(app.url);
  await expect(page.locator('[data-testid=annotator-display]')).toContainText('Amira');
  await openDocumentById(page, docId);
  await expect.poll(() => spansOf(page, 'ACTOR')).toEqual([{ id: spanId, text: phrase }]);

  const document = await readDocument(app.projectDir, docId);
  const layer = await readAnnotatorLayer(app.projectDir, 'Amira', docId);
  const { start, end } = codePointRange(document.text, phrase);
  expect(layer?.textHash).toBe(document.textHash);
  expect(layer?.spans).toEqual([expect.objectContaining({ id: spanId, start, end, label: 'ACTOR', text: phrase })]);
  expect([...document.text].slice(start, end).join('')).toBe(phrase);
});

test('spans of different labels nest, and each can be clicked and relabelled', async ({ app, page }) => {
  await page.goto(app.url);
  await giveName(page, 'Amira');
  await openDocument(page, 0);
  const [a, b, c] = pickThreeWords(await editorText(page));
  const outer = `${a} ${b} ${c}`;
  const inner = `${b} ${c}`;

  const outerId = await tag(page, outer, '4', 'CASUALTY');
  const innerId = await tag(page, inner, '1', 'ACTOR');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([outer]);
  await expect.poll(() => spanTexts(page, 'ACTOR')).toEqual([inner]);
  for (const id of [outerId, innerId]) {
    await expect(boxesOf(page, id).first()).toBeVisible();
    await expect(chipOf(page, id)).toBeVisible();
  }

  // Escape lets go of the selection; a click inside the inner span then selects the innermost one…
  await page.keyboard.press('Escape');
  await clickText(page, c);
  await page.keyboard.press('2');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([inner]);
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([outer]);

  // …a click on the outer span's own text selects the outer one…
  await page.keyboard.press('Escape');
  await clickText(page, a);
  await page.keyboard.press('3');
  await expect.poll(() => spanTexts(page, 'DATE')).toEqual([outer]);
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([inner]);

  // …and a second click on the inner span reaches the span around it.
  await page.keyboard.press('Escape');
  await clickText(page, c);
  await clickText(page, c);
  await page.keyboard.press('4');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([outer]);
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([inner]);
  expect(await spanTexts(page, 'DATE')).toEqual([]);
});

test('a span overlapping another of the same label is refused with a message', async ({ app, page }) => {
  await page.goto(app.url);
  await giveName(page, 'Amira');
  await openDocument(page, 0);
  const [a, b, c] = pickThreeWords(await editorText(page));

  await tag(page, `${a} ${b}`, '1', 'ACTOR');
  await dragSelect(page, `${b} ${c}`);
  await page.keyboard.press('1');
  await expect(page.locator('[data-testid=message]')).toContainText(/overlap/i);
  expect(await spanTexts(page, 'ACTOR')).toEqual([`${a} ${b}`]);
});

test('a clicked span changes label with a key, Delete removes it, Ctrl+Enter marks the document done', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  await giveName(page, 'Amira');
  const docId = await openDocument(page, 0);
  const phrase = pickName(await editorText(page));
  const counter = docItem(page, docId).locator('[data-testid=doc-span-count]');

  await tag(page, phrase, '1', 'ACTOR');
  await clickText(page, phrase);
  await page.keyboard.press('l');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([phrase]);
  expect(await spanTexts(page, 'ACTOR')).toEqual([]);

  await page.keyboard.press('Delete');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([]);
  await expect(counter).toHaveText('0');

  await page.keyboard.press('Control+Enter');
  await expect(docItem(page, docId).locator('[data-testid=doc-status]')).toHaveText(/done/i);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.status).toBe('done');
  expect((await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans).toEqual([]);
});

test('a corrupt layer file is named in the problems banner and left as it was', async ({ app, page }) => {
  await page.goto(app.url);
  const { docId } = await tagFirstName(page, 'Amira');
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.length).toBe(1);
  const layerId = (await annotatorLayerId(app.projectDir, 'Amira'))!;
  const file = layerFile(app.projectDir, layerId, docId);

  await app.stop();
  const corrupt = '{"format": "spanwise-layer", "version": 1, "spans": [ {"start": 3,';
  await writeFile(file, corrupt);
  await app.restart();
  await page.goto(app.url);

  // Soft: whatever the banner does, the check that the file survived still runs.
  await expect.soft(page.locator('[data-testid=problems]')).toContainText(`layers/${layerId}/${docId}.json`);
  // Opening the document must not write over the file it could not read.
  await docItem(page, docId).click();
  await expect(page.locator('[data-testid=message]')).toContainText(`layers/${layerId}/${docId}.json`);
  await app.stop();
  expect(await readFile(file, 'utf8')).toBe(corrupt);
});
