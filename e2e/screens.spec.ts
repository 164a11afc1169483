/**
 * The screens beside annotation: the label schema editor (add, recolour, reorder, define, give
 * attributes; a rename reaches the spans on disk, a removal asks first) and the statistics
 * (progress, labels, work over time, time per document).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectManifest } from '../shared/types';
import { test, expect } from './fixtures';
import { article, selectByWords, typeName } from './keyboard';
import { readAnnotatorLayer, readDocument } from './project-files';
import { SAVED, spanTexts } from './user';

test('renaming a label renames its spans on disk; removing one says how many spans go and asks', async ({ app, page }) => {
  await page.goto(app.url);
  await typeName(page, 'Kim');
  await expect(article(page)).toBeFocused();
  const { text } = await readDocument(app.projectDir, 'sample-1');
  await selectByWords(page, text, 'Civil Rescue Corps');
  await page.keyboard.press('1');
  await selectByWords(page, text, 'Tuesday');
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  await page.keyboard.press('Control+Shift+L');
  const screen = page.locator('[data-testid=label-schema-screen]');
  await expect(screen).toBeVisible();
  await screen.locator('[data-testid=label-name]').first().fill('PARTY');
  // A clash is named, and nothing can be applied until it is gone.
  await screen.locator('[data-testid=label-hotkeys]').nth(1).fill('2 a');
  await expect(screen.locator('[data-testid=schema-problems]')).toContainText('LOCATION: the hotkey "a" already belongs to PARTY');
  await expect(screen.locator('[data-testid=apply-labels]')).toBeDisabled();
  await screen.locator('[data-testid=label-hotkeys]').nth(1).fill('2 l');
  await screen.locator('[data-testid=remove-label]').nth(2).click();
  await page.keyboard.press('Control+Enter');
  const confirm = screen.locator('[data-testid=schema-confirm]');
  await expect(confirm).toContainText('1 span of ACTOR will be renamed PARTY');
  await expect(confirm).toContainText('1 span of DATE will be removed');
  await confirm.locator('[data-testid=confirm-labels]').click();
  await expect(screen.locator('[data-testid=schema-message]')).toContainText('The label schema is saved');
  await expect(screen).toBeFocused();

  const manifest = JSON.parse(await readFile(join(app.projectDir, 'spanwise-project.json'), 'utf8')) as ProjectManifest;
  expect(manifest.labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
  const layer = await readAnnotatorLayer(app.projectDir, 'Kim', 'sample-1');
  expect(layer?.spans).toEqual([expect.objectContaining({ label: 'PARTY', text: 'Civil Rescue Corps' })]);

  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
  await expect.poll(() => spanTexts(page, 'PARTY')).toEqual(['Civil Rescue Corps']);
  expect(await spanTexts(page, 'DATE')).toEqual([]);
});

test('a label added with a colour, hotkey, definition and attribute, moved up, is saved and tags at once', async ({ app, page }) => {
  await page.goto(app.url);
  await typeName(page, 'Kim');
  await expect(article(page)).toBeFocused();
  await page.keyboard.press('Control+Shift+L');
  const screen = page.locator('[data-testid=label-schema-screen]');
  const rows = screen.locator('[data-testid=schema-label]');
  await expect(rows).toHaveCount(4);

  // A new label at the end: name, colour, hotkey, definition and an enum attribute.
  await screen.locator('[data-testid=add-label]').click();
  const added = rows.nth(4);
  await added.locator('[data-testid=label-name]').fill('WEAPON');
  await added.getByLabel('Colour of WEAPON').fill('#123456');
  await added.locator('[data-testid=label-hotkeys]').fill('5 w');
  await added.getByLabel('Definition').fill('A weapon or weapon system named in the text.');
  await added.locator('[data-testid=add-attribute]').click();
  await added.getByLabel('Attribute name of WEAPON').fill('type');
  await added.getByLabel('Type of type').selectOption('enum');
  await added.getByLabel('Values of type').fill('drone, rocket, barrel bomb');
  // Moved up above CASUALTY; LOCATION recoloured; ACTOR's definition rewritten.
  await added.getByLabel('Move WEAPON up').click();
  await rows.nth(1).getByLabel('Colour of LOCATION').fill('#0000ff');
  await rows.nth(0).getByLabel('Definition').fill('Who acts.');
  await page.keyboard.press('Control+Enter');
  // Nothing is renamed or removed, so nothing is asked.
  await expect(screen.locator('[data-testid=schema-message]')).toContainText('The label schema is saved');
  await expect(screen).toBeFocused();
  await expect(screen.locator('[data-testid=schema-confirm]')).toHaveCount(0);

  const manifest = JSON.parse(await readFile(join(app.projectDir, 'spanwise-project.json'), 'utf8')) as ProjectManifest;
  expect(manifest.labels.map((label) => label.name)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'WEAPON', 'CASUALTY']);
  expect(manifest.labels[0]!.definition).toBe('Who acts.');
  expect(manifest.labels[1]!.color).toBe('#0000ff');
  expect(manifest.labels[3]).toEqual({
    name: 'WEAPON',
    color: '#123456',
    hotkeys: ['5', 'w'],
    definition: 'A weapon or weapon system named in the text.',
    attributes: [{ name: 'type', type: 'enum', values: ['drone', 'rocket', 'barrel bomb'] }],
  });

  // Back in the editor the new label is in the toolbar, in its place, and its key tags at once.
  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
  await expect(page.locator('.sw-labels .sw-label-name')).toHaveText(['ACTOR', 'LOCATION', 'DATE', 'WEAPON', 'CASUALTY']);
  const { text } = await readDocument(app.projectDir, 'sample-1');
  await selectByWords(page, text, 'Tuesday');
  await page.keyboard.press('w');
  await expect.poll(() => spanTexts(page, 'WEAPON')).toEqual(['Tuesday']);
  await page.locator('[data-testid=attribute-type]').selectOption('drone');
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  await expect
    .poll(async () => (await readAnnotatorLayer(app.projectDir, 'Kim', 'sample-1'))?.spans)
    .toEqual([expect.objectContaining({ label: 'WEAPON', text: 'Tuesday', attributes: { type: 'drone' } })]);
});

test('the statistics show corpus progress, spans per label, work over time and the time spent', async ({ app, page }) => {
  const session = await app.call('setAnnotator', ['Badr']);
  const { text } = await readDocument(app.projectDir, 'sample-2');
  const at = (phrase: string) => ({ start: [...text.slice(0, text.indexOf(phrase))].length, end: [...text.slice(0, text.indexOf(phrase))].length + [...phrase].length });
  await app.call('editSpans', ['sample-2', [{ op: 'add', span: { id: 's-1', ...at('5,834 people'), label: 'CASUALTY' } }]]);
  await app.call('setDocumentStatus', ['sample-2', 'done']);
  expect(await app.call('addTimeSpent', ['sample-2', 125_000])).toBe(125_000);
  expect(session.annotator?.name).toBe('Badr');

  await page.goto(app.url);
  // As a user would: the shortcut once the window shows the project.
  await expect(page.locator('[data-testid=doc-item]').first()).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  const screen = page.locator('[data-testid=statistics-screen]');
  await expect(screen.locator('[data-testid=corpus-progress]')).toContainText('1 done');
  await expect(screen.locator('[data-testid=corpus-progress]')).toContainText('4 new');
  // Badr's row: 1 document done, none in progress, 1 span.
  await expect(screen.locator('[data-testid=annotator-table] tr', { hasText: 'Badr' }).locator('td')).toHaveText(['1', '0', '1', '2 min']);
  await expect(screen.locator('[data-testid=label-chart]')).toHaveAttribute('aria-label', /CASUALTY 1/);
  await expect(screen.locator('[data-testid=day-chart]')).toHaveAttribute('aria-label', /^Spans made per day: 1 over 1 days/);
  await expect(screen.locator('[data-testid=time-table]')).toContainText('2 min');
  // The note shown while the first count runs is gone once the figures are there.
  await expect(screen.locator('[data-testid=statistics-counting]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
});
