/**
 * Real articles (the shared test corpus, read from disk, never copied into the repo) imported
 * through the app's own API, then tagged with the mouse: the saved offsets are code points
 * into the stored text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, test, expect } from './fixtures';
import { codePointRange, pickName } from './phrases';
import { readAnnotatorLayer, readDocument } from './project-files';
import { docItem, editorText, giveName, openDocumentById, tag } from './user';

const corpusDir = resolve(repoRoot, '../shared/corpus');
const articles = existsSync(corpusDir) ? readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).sort() : [];
const skipReason = articles.length === 0 ? `No corpus articles in ${corpusDir}` : '';
if (skipReason) console.log(`Skipping the corpus spec. ${skipReason}`);
test.skip(articles.length === 0, skipReason);

test('real articles imported through the API are tagged at the right code points', async ({ app, page }) => {
  const inputs = articles.map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }));
  const report = await app.call('importTexts', [inputs]);
  expect(report.errors).toEqual([]);
  expect(report.added).toHaveLength(articles.length);

  await page.goto(app.url);
  await giveName(page, 'Bilal');
  for (const docId of report.added) await expect(docItem(page, docId)).toBeVisible();

  const docId = report.added[0]!;
  await openDocumentById(page, docId);
  const shown = await editorText(page);
  // A name after the first non-ASCII character (a curly quote, a dash): offsets past it must hold.
  const phrase = pickName(shown, shown.search(/[^\x00-\x7f]/));
  const spanId = await tag(page, phrase, '2', 'LOCATION');

  const document = await readDocument(app.projectDir, docId);
  // The corpus has no characters outside the BMP, so code points and UTF-16 units agree here.
  expect([...document.text]).toHaveLength(document.text.length);
  const { start, end } = codePointRange(document.text, phrase);
  expect(start).toBe(document.text.indexOf(phrase));
  await expect
    .poll(async () => (await readAnnotatorLayer(app.projectDir, 'Bilal', docId))?.spans)
    .toEqual([expect.objectContaining({ id: spanId, start, end, label: 'LOCATION', text: phrase })]);
  expect([...document.text].slice(start, end).join('')).toBe(phrase);
});
