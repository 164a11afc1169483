/**
 * The layer folder stops taking writes mid-session: the annotator is told, the edit stays on
 * screen (the service keeps it), and once the folder is writable again it reaches the disk and
 * the save state says so, with no reload.
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { test, expect } from './fixtures';
import { pickName } from './phrases';
import { annotatorLayerId, layerFile, readAnnotatorLayer } from './project-files';
import { editorText, SAVED, spansOf, tag, tagFirstName } from './user';

test('an edit made while the folder is read-only stays on screen and is saved once it is writable', async ({ app, page }) => {
  await page.goto(app.url);
  const { docId, phrase, spanId } = await tagFirstName(page, 'Amira');
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.length).toBe(1);
  const folder = dirname(layerFile(app.projectDir, (await annotatorLayerId(app.projectDir, 'Amira'))!, docId));

  // Tests run as root, whom permissions do not stop; the immutable attribute does, where the
  // file system and the container allow setting it.
  const locked = spawnSync('chattr', ['+i', folder], { encoding: 'utf8' });
  test.skip(locked.status !== 0, `cannot make a folder immutable here (${locked.error?.message ?? locked.stderr?.trim()})`);
  let unlocked = false;
  const unlock = () => {
    if (!unlocked) spawnSync('chattr', ['-i', folder]);
    unlocked = true;
  };
  try {
    const text = await editorText(page);
    const other = pickName(text, text.indexOf(phrase) + phrase.length);
    const otherId = await tag(page, other, '2', 'LOCATION');
    await expect(page.locator('[data-testid=save-state]')).toContainText('Not saved');
    await expect(page.locator('[data-testid=save-state]')).toContainText('read-only; your edit is kept');
    // Kept by the service, so still shown, not dropped as a refused edit would be.
    await expect.poll(() => spansOf(page, 'LOCATION')).toEqual([{ id: otherId, text: other }]);
    expect((await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.map((span) => span.id)).toEqual([spanId]);

    unlock();
    // The service retries by itself (after 0.5, 1, 2, 5 s…): no further edit, no reload.
    await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED, { timeout: 20_000 });
    await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', docId))?.spans.map((span) => span.id).sort()).toEqual(
      [spanId, otherId].sort(),
    );
    await expect.poll(() => spansOf(page, 'LOCATION')).toEqual([{ id: otherId, text: other }]);
  } finally {
    unlock();
  }
});
