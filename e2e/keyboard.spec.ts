/**
 * A whole session with the keyboard alone (no mouse event reaches the page): select by word,
 * tag, retag, delete, undo, redo, Tab from span to span, accept proposed attributes, write a
 * note, go to the next document, accept one suggestion and reject another, mark done — and the
 * layer files on disk say exactly that.
 */
import { test, expect } from './fixtures';
import { article, countMouseEvents, mouseEvents, pressTimes, selectByWords, selectedText, typeName } from './keyboard';
import { codePointRange } from './phrases';
import { readAnnotatorLayer, readDocument } from './project-files';
import { focusedSuggestion, suggestionBox, suggestionBoxes } from './suggestions';
import { docItem, SAVED, spanTexts } from './user';

const FIRST = 'sample-1';
const SECOND = 'sample-2';
/** The casualty figure of the first sample article, and what its text proposes. */
const FIGURE = 'At least nine civilians';
const FIGURE_ATTRIBUTES = { kind: 'killed', count: 9, qualifier: 'at least' };

const selectionInfo = (page: import('@playwright/test').Page) => page.locator('[data-testid=selection-info]');

test('a whole session by keyboard alone, saved as it was done', async ({ app, page }) => {
  await countMouseEvents(page);
  await page.goto(app.url);
  await typeName(page, 'Kim');
  await expect(docItem(page, FIRST)).toHaveAttribute('aria-current', /.+/);
  await expect(article(page)).toBeFocused();
  const { text, meta } = await readDocument(app.projectDir, FIRST);
  expect(meta.publishedAt).toBe('2024-03-12');

  // The caret is drawn, and moves by character and by line without selecting anything.
  await expect(page.locator('[data-testid=caret]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  expect(await selectedText(page)).toBe('');

  // Select the figure word by word and tag it CASUALTY; its attributes are proposed from the text.
  await selectByWords(page, text, FIGURE);
  await page.keyboard.press('4');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE]);
  await expect(page.locator('[data-testid=proposal]')).toBeVisible();
  await expect(page.locator('[data-testid=attribute-kind]')).toHaveValue('killed');
  await expect(page.locator('[data-testid=attribute-count]')).toHaveValue('9');
  await expect(page.locator('[data-testid=attribute-qualifier]')).toHaveValue('at least');
  // Enter goes to the proposal, Enter accepts it and hands the keyboard back to the article.
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=accept-proposal]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=proposal]')).toHaveCount(0);
  await expect(article(page)).toBeFocused();

  // A wrong label on "Tuesday", corrected with another label key; its date is then accepted.
  await selectByWords(page, text, 'Tuesday');
  await page.keyboard.press('l');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Tuesday']);
  await page.keyboard.press('3');
  await expect.poll(() => spanTexts(page, 'DATE')).toEqual(['Tuesday']);
  expect(await spanTexts(page, 'LOCATION')).toEqual([]);
  await expect(page.locator('[data-testid=attribute-value]')).toHaveValue('2024-03-12');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=proposal]')).toHaveCount(0);

  // "23 wounded": tag, delete, undo, redo, undo, and redo with Ctrl+Y — it ends deleted.
  await selectByWords(page, text, '23 wounded');
  await page.keyboard.press('c');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE, '23 wounded']);
  await page.keyboard.press('Delete');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE, '23 wounded']);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE, '23 wounded']);
  await page.keyboard.press('Control+y');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE]);

  // Tab and Shift+Tab go from span to span, from the caret at the start of the article.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect(selectionInfo(page)).toContainText(FIGURE);
  await page.keyboard.press('Tab');
  await expect(selectionInfo(page)).toContainText('Tuesday');
  await page.keyboard.press('Shift+Tab');
  await expect(selectionInfo(page)).toContainText(FIGURE);

  // A note on the figure: Enter into its fields, Tab to the note, type, Enter saves it.
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=attribute-kind]')).toBeFocused();
  await pressTimes(page, 'Tab', 3);
  await expect(page.locator('[data-testid=span-note]')).toBeFocused();
  await page.keyboard.type('Figure from local rescuers');
  await page.keyboard.press('Enter');
  await expect(article(page)).toBeFocused();
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  // The next document: N focuses its first suggestion, Enter accepts it, X rejects the next.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(docItem(page, SECOND)).toHaveAttribute('aria-current', /.+/);
  await expect(suggestionBoxes(page).first()).toBeVisible();
  // As a user waits for the bar to stop loading: suggestions may be fetched again once the
  // document's own answer arrives.
  await expect(page.locator('[data-testid=suggestion-bar]')).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('n');
  const accepted = await focusedSuggestion(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => spanTexts(page, accepted.label)).toEqual([accepted.text]);
  await expect(suggestionBox(page, accepted.key)).toHaveCount(0);
  const rejected = await focusedSuggestion(page);
  expect(rejected.key).not.toBe(accepted.key);
  await page.keyboard.press('x');
  await expect(suggestionBox(page, rejected.key)).toHaveCount(0);

  // Marked done; back to the first, marked done too.
  await page.keyboard.press('Control+Enter');
  await expect(docItem(page, SECOND).locator('[data-testid=doc-status]')).toHaveText(/done/i);
  await page.keyboard.press('[');
  await expect(docItem(page, FIRST)).toHaveAttribute('aria-current', /.+/);
  await page.keyboard.press('Control+Enter');
  await expect(docItem(page, FIRST).locator('[data-testid=doc-status]')).toHaveText(/done/i);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  // On disk: exactly the two spans, in code points, with their attributes and note, and done.
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Kim', FIRST))?.status).toBe('done');
  const layer = (await readAnnotatorLayer(app.projectDir, 'Kim', FIRST))!;
  expect(layer.spans).toEqual([
    expect.objectContaining({ ...codePointRange(text, FIGURE), label: 'CASUALTY', text: FIGURE, attributes: FIGURE_ATTRIBUTES, note: 'Figure from local rescuers' }),
    expect.objectContaining({ ...codePointRange(text, 'Tuesday'), label: 'DATE', text: 'Tuesday', attributes: { value: '2024-03-12' } }),
  ]);
  expect(layer.spans[1]).not.toHaveProperty('note');
  // The time spent on it was sent when the next document opened.
  expect(layer.timeSpentMs).toBeGreaterThan(0);
  // The second document holds the accepted suggestion as a plain span, and remembers the rejected one.
  const second = (await readAnnotatorLayer(app.projectDir, 'Kim', SECOND))!;
  expect(second.status).toBe('done');
  expect(second.spans).toEqual([expect.objectContaining({ start: accepted.start, end: accepted.end, label: accepted.label, text: accepted.text })]);
  expect(second.spans[0]).not.toHaveProperty('source');
  expect(second.rejectedSuggestions).toEqual([{ start: rejected.start, end: rejected.end, label: rejected.label }]);
  expect(await mouseEvents(page)).toEqual({});
});

test('undo and redo of span edits survive closing the app', async ({ app, page }) => {
  await page.goto(app.url);
  await typeName(page, 'Kim');
  await expect(article(page)).toBeFocused();
  const { text } = await readDocument(app.projectDir, FIRST);
  await selectByWords(page, text, 'Kafr Maran');
  await page.keyboard.press('2');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Kafr Maran']);
  await page.keyboard.press('1');
  await expect.poll(() => spanTexts(page, 'ACTOR')).toEqual(['Kafr Maran']);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  await app.restart();
  await page.goto(app.url);
  await expect(article(page)).toBeFocused();
  await expect.poll(() => spanTexts(page, 'ACTOR')).toEqual(['Kafr Maran']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Kafr Maran']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([]);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual(['Kafr Maran']);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  const layer = await readAnnotatorLayer(app.projectDir, 'Kim', FIRST);
  expect(layer?.spans).toEqual([expect.objectContaining({ ...codePointRange(text, 'Kafr Maran'), label: 'LOCATION' })]);
  expect(layer?.redo).toHaveLength(1);
});

test('? lists every shortcut, from the same table the keys use', async ({ app, page }) => {
  await page.goto(app.url);
  await typeName(page, 'Kim');
  await expect(article(page)).toBeFocused();
  await page.keyboard.press('?');
  const sheet = page.locator('[data-testid=shortcut-sheet]');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Select the next / previous span');
  await expect(sheet).toContainText('Tag the selection as CASUALTY');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});
