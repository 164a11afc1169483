/**
 * Suggestions and search, by keyboard: dashed suggestions accepted with Enter (or a click) and
 * rejected with X (the rejection remembered across a restart, the accepted span on disk), "tag all
 * occurrences" in the document and across the corpus, Ctrl+F, and the corpus search by label
 * and text, each landing on the place it found.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { codePointRange } from './phrases';
import { readAnnotatorLayer, readDocument } from './project-files';
import { focusedSuggestion, shownSuggestion, suggestionBox, suggestionBoxes } from './suggestions';
import { docItem, giveName, openDocumentById, SAVED, spanTexts } from './user';

const EDITOR = '[data-testid=editor] .ProseMirror';

/** The text the page has selected. */
function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

async function start(page: Page, url: string, docId = 'sample-1'): Promise<void> {
  await page.goto(url);
  await giveName(page, 'Amira');
  await openDocumentById(page, docId);
  await expect(suggestionBoxes(page).first()).toBeVisible();
}

test('dashed suggestions: Enter accepts one, X rejects one, and both hold after a restart', async ({ app, page }) => {
  await start(page, app.url);
  await expect(page.locator('[data-testid=suggestion-count]')).not.toHaveText('0');
  // Dashed, in the label's colour, with its source in the tooltip.
  const first = suggestionBoxes(page).first();
  await expect(first).toHaveCSS('outline-style', 'dashed');
  await expect(first).toHaveAttribute('title', /suggested by \S+/);

  await page.keyboard.press('n');
  const accepted = await focusedSuggestion(page);
  await expect(page.locator('[data-testid=focused-source]')).not.toBeEmpty();
  await page.keyboard.press('Enter');
  await expect.poll(() => spanTexts(page, accepted.label)).toContain(accepted.text);
  await expect(suggestionBox(page, accepted.key)).toHaveCount(0);

  // Accepting moved the focus on to the next suggestion.
  const rejected = await focusedSuggestion(page);
  expect(rejected.key).not.toBe(accepted.key);
  await page.keyboard.press('x');
  await expect(suggestionBox(page, rejected.key)).toHaveCount(0);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  await expect
    .poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', 'sample-1'))?.rejectedSuggestions ?? [])
    .toEqual([{ start: rejected.start, end: rejected.end, label: rejected.label }]);
  const layer = await readAnnotatorLayer(app.projectDir, 'Amira', 'sample-1');
  expect(layer!.spans).toEqual([
    expect.objectContaining({ start: accepted.start, end: accepted.end, label: accepted.label, text: accepted.text }),
  ]);
  expect(layer!.spans[0]).not.toHaveProperty('source');

  await app.restart();
  await page.goto(app.url);
  await openDocumentById(page, 'sample-1');
  await expect(suggestionBoxes(page).first()).toBeVisible();
  await expect(suggestionBox(page, rejected.key)).toHaveCount(0);
  await expect(suggestionBox(page, accepted.key)).toHaveCount(0);
  expect(await spanTexts(page, accepted.label)).toEqual([accepted.text]);

  // Shift+S hides them all, and shows them again.
  await page.keyboard.press('Shift+S');
  await expect(suggestionBoxes(page)).toHaveCount(0);
  await page.keyboard.press('Shift+S');
  await expect(suggestionBoxes(page).first()).toBeVisible();
});

test('a click on a dashed suggestion accepts it into the layer', async ({ app, page }) => {
  await start(page, app.url);
  const box = suggestionBoxes(page).first();
  const clicked = await shownSuggestion(page, (await box.getAttribute('data-suggestion-key'))!);
  await box.click();
  await expect.poll(() => spanTexts(page, clicked.label)).toEqual([clicked.text]);
  await expect(suggestionBox(page, clicked.key)).toHaveCount(0);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  const layer = await readAnnotatorLayer(app.projectDir, 'Amira', 'sample-1');
  expect(layer!.spans).toEqual([expect.objectContaining({ start: clicked.start, end: clicked.end, label: clicked.label, text: clicked.text })]);
});

test('tag all occurrences: O in the document, one undo step; Shift+O across the corpus', async ({ app, page }) => {
  await start(page, app.url);
  // Keyboard only: find the phrase, Esc selects it, 2 tags it LOCATION, O tags the rest.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('Tell Hamra');
  await expect(page.locator('[data-testid=find-count]')).toHaveText('1 of 2');
  await page.keyboard.press('Escape');
  await expect.poll(() => selectedText(page)).toBe('Tell Hamra');
  await page.keyboard.press('2');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Tell Hamra']);
  await page.keyboard.press('o');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Tell Hamra', 'Tell Hamra']);
  await expect(page.locator('[data-testid=message]')).toContainText('Tagged 1 more occurrence');
  await page.keyboard.press('Control+z');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Tell Hamra']);

  await page.keyboard.press('Control+f');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Northern Liberation Front');
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect.poll(() => spanTexts(page, 'ACTOR')).toEqual(['Northern Liberation Front']);
  await page.keyboard.press('Shift+O');
  const dialog = page.locator('[data-testid=occurrences-dialog]');
  await expect(dialog).toContainText('Tag 4 occurrences');
  await expect(dialog).toContainText('in 3 documents');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => spanTexts(page, 'ACTOR')).toEqual(['Northern Liberation Front', 'Northern Liberation Front']);
  await expect(page.locator('[data-testid=message]')).toContainText('in 3 documents');
  for (const [docId, count] of [['sample-3', 1], ['sample-5', 2]] as const) {
    await expect
      .poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.filter((s) => s.text === 'Northern Liberation Front').length)
      .toBe(count);
  }
  await expect(docItem(page, 'sample-5').locator('[data-testid=doc-span-count]')).toHaveText('2');
});

test('Ctrl+F finds in the document: count, next and previous, Esc selects the match', async ({ app, page }) => {
  await start(page, app.url);
  await page.keyboard.press('Control+f');
  const input = page.locator('[data-testid=find-input]');
  await expect(input).toBeFocused();
  await page.keyboard.type('tell hamra');
  const count = page.locator('[data-testid=find-count]');
  await expect(count).toHaveText('1 of 2');
  await expect(page.locator(`${EDITOR} .sw-find-match`)).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(count).toHaveText('2 of 2');
  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText('1 of 2');

  await page.keyboard.press('Control+a');
  await page.keyboard.type('most of them in air raids');
  await expect(count).toHaveText('1 of 1');
  const current = page.locator(`${EDITOR} .sw-find-current`);
  await expect(current).toHaveText('most of them in air raids');
  await expect(current).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid=find-bar]')).toHaveCount(0);
  await expect(page.locator(`${EDITOR} .sw-find-match`)).toHaveCount(0);
  await expect.poll(() => selectedText(page)).toBe('most of them in air raids');
  await expect(page.locator(EDITOR)).toBeFocused();
});

test('corpus search: "LOCATION spans reading Idlib" and a text search each jump to the place', async ({ app, page }) => {
  await start(page, app.url);
  const sample3 = await readDocument(app.projectDir, 'sample-3');
  const idlib = codePointRange(sample3.text.slice(sample3.text.indexOf('city of')), 'Idlib');
  const offset = [...sample3.text.slice(0, sample3.text.indexOf('city of'))].length;
  await app.call('editSpans', ['sample-3', [{ op: 'add', span: { id: 's-idlib', start: idlib.start + offset, end: idlib.end + offset, label: 'LOCATION' } }]]);

  await page.keyboard.press('Control+Shift+F');
  const panel = page.locator('[data-testid=corpus-search]');
  await expect(page.locator('[data-testid=search-text]')).toBeFocused();
  await page.keyboard.type('idlib');
  await expect(page.locator('[data-testid=search-summary]')).toHaveText(/results? in 1 document/);
  await page.locator('[data-testid=search-label]').selectOption('LOCATION');
  await expect(page.locator('[data-testid=search-summary]')).toHaveText('1 result in 1 document');
  await expect(panel.locator('[data-testid=search-hit]')).toContainText('city of Idlib');
  await page.locator('[data-testid=search-text]').focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(docItem(page, 'sample-3')).toHaveClass(/sw-current/);
  const selected = page.locator(`${EDITOR} .sw-span.sw-span-selected[data-span-id="s-idlib"]`);
  await expect(selected).toHaveText('Idlib');
  await expect(selected).toBeInViewport();

  // A text hit opens its document with the text selected, ready for a label key.
  await page.keyboard.press('Control+Shift+F');
  await page.locator('[data-testid=search-label]').selectOption('');
  await page.locator('[data-testid=search-text]').fill('car bomb');
  await expect(page.locator('[data-testid=search-summary]')).toHaveText('1 result in 1 document');
  await page.locator('[data-testid=search-text]').press('Enter');
  await expect(docItem(page, 'sample-5')).toHaveClass(/sw-current/);
  await expect.poll(() => selectedText(page)).toBe('car bomb');
  await page.keyboard.press('1');
  await expect.poll(() => spanTexts(page, 'ACTOR')).toContain('car bomb');
});
