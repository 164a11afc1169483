/**
 * The screens beside annotation: the label schema editor (a rename reaches the spans on disk,
 * a removal asks first) and the statistics (progress, labels, time).
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

  const manifest = JSON.parse(await readFile(join(app.projectDir, 'spanwise-project.json'), 'utf8')) as ProjectManifest;
  expect(manifest.labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
  const layer = await readAnnotatorLayer(app.projectDir, 'Kim', 'sample-1');
  expect(layer?.spans).toEqual([expect.objectContaining({ label: 'PARTY', text: 'Civil Rescue Corps' })]);

  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
  await expect.poll(() => spanTexts(page, 'PARTY')).toEqual(['Civil Rescue Corps']);
  expect(await spanTexts(page, 'DATE')).toEqual([]);
});

test('the statistics show corpus progress, spans per label and the time spent', async ({ app, page }) => {
  const session = await app.call('setAnnotator', ['Badr']);
  const { text } = await readDocument(app.projectDir, 'sample-2');
  const at = (phrase: string) => ({ start: [...text.slice(0, text.indexOf(phrase))].length, end: [...text.slice(0, text.indexOf(phrase))].length + [...phrase].length });
  await app.call('editSpans', ['sample-2', [{ op: 'add', span: { id: 's-1', ...at('5,834 people'), label: 'CASUALTY' } }]]);
  await app.call('setDocumentStatus', ['sample-2', 'done']);
  expect(await app.call('addTimeSpent', ['sample-2', 125_000])).toBe(125_000);
  expect(session.annotator?.name).toBe('Badr');

  await page.goto(app.url);
  await page.keyboard.press('Control+Shift+S');
  const screen = page.locator('[data-testid=statistics-screen]');
  await expect(screen.locator('[data-testid=corpus-progress]')).toContainText('1 done');
  await expect(screen.locator('[data-testid=corpus-progress]')).toContainText('4 new');
  await expect(screen.locator('[data-testid=annotator-table]')).toContainText('Badr');
  await expect(screen.locator('[data-testid=label-chart]')).toHaveAttribute('aria-label', /CASUALTY 1/);
  await expect(screen.locator('[data-testid=time-table]')).toContainText('2 min');
  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
});
