/**
 * A layer file damaged while Spanwise was closed: the banner names it, and the annotator puts
 * back its last good version from the banner, with the keyboard, without leaving the app. The
 * damaged version is kept beside it. A damaged project manifest stops the project opening at
 * all: its backups are offered where opening it failed.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test, expect } from './fixtures';
import { annotatorLayerId, layerFile, readAnnotatorLayer } from './project-files';
import { pickName } from './phrases';
import { chipOf, editorText, giveName, SAVED, spansOf, tag, tagFirstName } from './user';

const SHOTS = process.env.SPANWISE_SHOTS;

test('a corrupt layer file is put back from its backup through the problems banner', async ({ app, page }) => {
  await page.goto(app.url);
  const { docId, phrase, spanId } = await tagFirstName(page, 'Amira');
  // A second save of the layer makes the version holding the span its newest backup.
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.status).toBe('done');
  const layerId = (await annotatorLayerId(app.projectDir, 'Amira'))!;
  const file = layerFile(app.projectDir, layerId, docId);
  const relative = `layers/${layerId}/${docId}.json`;

  await app.stop();
  const corrupt = '{"format": "spanwise-layer", "version": 1, "spans": [ {"start": 3,';
  await writeFile(file, corrupt);
  await app.restart();
  await page.goto(app.url);

  const problem = page.locator(`[data-testid=problem][data-file="${relative}"]`);
  await expect(problem).toBeVisible();
  if (SHOTS) await page.locator('[data-testid=problems]').screenshot({ path: join(SHOTS, 'restore-banner.png') });
  await problem.locator('[data-testid=restore-open]').click();

  const dialog = page.locator('[data-testid=restore-dialog]');
  await expect(dialog).toContainText(relative);
  const newest = dialog.locator('[data-testid=backup]').first();
  await expect(newest).toBeFocused();
  await expect(newest).toHaveAttribute('data-n', '1');
  if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'restore.png') });

  await page.keyboard.press('Enter');
  await expect(dialog.locator('[data-testid=restore-confirm]')).toContainText(`${docId}.json.corrupt-`);
  await expect(dialog.locator('[data-testid=restore-backup]')).toBeFocused();
  if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'restore-confirm.png') });
  // Back (Tab, Enter) returns to the list, on the version chosen; Enter, Enter restores it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(newest).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.locator('[data-testid=restore-backup]')).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-testid=problems]')).toBeHidden();
  await expect.poll(() => spansOf(page, 'ACTOR')).toEqual([{ id: spanId, text: phrase }]);
  await expect(chipOf(page, spanId)).toBeVisible();
  await expect(page.locator('[data-testid=message]')).toContainText(`${relative} was put back from its backup`);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  expect((await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.map((span) => span.id)).toEqual([spanId]);
  const aside = (await readdir(dirname(file))).filter((name) => name.startsWith(`${docId}.json.corrupt-`));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dirname(file), aside[0]!), 'utf8')).toBe(corrupt);
});

test('an earlier version of a readable layer file is put back only after a warning, the current one kept aside', async ({ app, page }) => {
  await page.goto(app.url);
  const { docId, phrase, spanId } = await tagFirstName(page, 'Amira');
  const text = await editorText(page);
  const later = pickName(text, text.indexOf(phrase) + phrase.length);
  const laterId = await tag(page, later, '2', 'LOCATION');
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  const file = layerFile(app.projectDir, (await annotatorLayerId(app.projectDir, 'Amira'))!, docId);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'restore-window.png') });

  await page.locator('[data-testid=restore-document]').click();
  const dialog = page.locator('[data-testid=restore-dialog]');
  await expect(dialog.locator('[data-testid=backup]').first()).toBeFocused();
  // Escape leaves everything as it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.locator('[data-testid=restore-document]').click();
  await dialog.locator('[data-testid=backup][data-n="1"]').click();
  await expect(dialog.locator('[data-testid=restore-warning]')).toContainText(`${docId}.json.replaced-`);
  if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'restore-readable.png') });
  await dialog.locator('[data-testid=restore-backup]').click();

  await expect(dialog).toBeHidden();
  await expect.poll(() => spansOf(page, 'LOCATION')).toEqual([]);
  await expect.poll(() => spansOf(page, 'ACTOR')).toEqual([{ id: spanId, text: phrase }]);
  expect((await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.map((span) => span.id)).toEqual([spanId]);
  const aside = (await readdir(dirname(file))).filter((name) => name.startsWith(`${docId}.json.replaced-`));
  expect(aside).toHaveLength(1);
  const kept = JSON.parse(await readFile(join(dirname(file), aside[0]!), 'utf8')) as { spans: Array<{ id: string }> };
  expect(kept.spans.map((span) => span.id).sort()).toEqual([spanId, laterId].sort());
});

test('a project whose manifest is corrupt opens from a backup of the manifest, offered where opening it failed', async ({ app, page }) => {
  // Changing a label's definition saves the manifest over its first version, which becomes backup 1.
  const { project } = await app.call('getSession', []);
  const labels = project!.labels.map((label) => (label.name === 'DATE' ? { ...label, definition: 'When it happened.' } : label));
  await app.call('updateLabels', [labels, {}]);
  const manifest = join(app.projectDir, 'spanwise-project.json');
  const backup = await readFile(join(app.projectDir, '.spanwise', 'backups', 'spanwise-project.json.1'), 'utf8');

  await app.stop();
  const corrupt = (await readFile(manifest, 'utf8')).slice(0, 60);
  await writeFile(manifest, corrupt);
  await app.restart();
  await page.goto(app.url);
  await giveName(page, 'Amira');

  // No project could be opened: the picker is all there is, with the folder among the recent ones.
  const picker = page.locator('[data-testid=project-picker]');
  await expect(picker).toBeVisible();
  await picker.locator('[data-testid=recent-project]', { hasText: app.projectDir }).click();

  const dialog = page.locator('[data-testid=restore-dialog]');
  await expect(dialog).toContainText(app.projectDir);
  await expect(dialog.locator('[data-testid=restore-reason]')).toContainText('spanwise-project.json could not be read: invalid JSON');
  const newest = dialog.locator('[data-testid=backup]').first();
  await expect(newest).toHaveAttribute('data-n', '1');
  await expect(newest).toBeFocused();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'restore-manifest.png') });

  // Cancel goes back to the picker, which still says what is wrong and offers the backups again.
  await dialog.getByRole('button', { name: /Cancel/ }).click();
  await expect(picker.locator('[data-testid=project-error]')).toContainText('spanwise-project.json could not be read');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'restore-manifest-picker.png') });
  await picker.locator('[data-testid=project-restore-open]').click();

  await dialog.locator('[data-testid=backup][data-n="1"]').click();
  await expect(dialog.locator('[data-testid=restore-confirm]')).toContainText('spanwise-project.json.corrupt-');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'restore-manifest-confirm.png') });
  await dialog.locator('[data-testid=restore-backup]').click();

  await expect(dialog).toBeHidden();
  await expect(picker).toBeHidden();
  await expect(page.locator('[data-testid=doc-item]').first()).toBeVisible();
  expect(await readFile(manifest, 'utf8')).toBe(backup);
  const aside = (await readdir(app.projectDir)).filter((name) => name.startsWith('spanwise-project.json.corrupt-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(app.projectDir, aside[0]!), 'utf8')).toBe(corrupt);
});
