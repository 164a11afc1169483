/**
 * A long article (1,200 paragraphs): paragraphs far from the screen wait to be drawn, yet the
 * keyboard, the find bar and tagging reach every one of them, and what is tagged there lands on
 * disk at the right code point offsets (each paragraph starts with an emoji: two UTF-16 units,
 * one code point).
 */
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { article, selectedText } from './keyboard';
import { readAnnotatorLayer } from './project-files';
import { giveName, openDocumentById, SAVED } from './user';

const SHOTS = process.env.SPANWISE_SHOTS;
const DOC_ID = 'long-report';
const TITLE = 'A long report';
const PARAGRAPHS = 1_200;
const MIDDLE_PLACE = 'Wadi Farfar';
const LAST_PLACE = 'Tell Akhir';

function longText(): string {
  const lines = [TITLE];
  for (let i = 1; i <= PARAGRAPHS; i++) {
    const place = i === PARAGRAPHS / 2 ? MIDDLE_PLACE : `Qarya ${i}`;
    lines.push(`🔴 Paragraph ${i}: shelling near ${place} was reported by residents, who said the strikes went on for hours.`);
  }
  lines.push(`The last paragraph names ${LAST_PLACE}`);
  return lines.join('\n');
}

/** The code point range of the last occurrence of `phrase` in `text`. */
function codePointsOf(text: string, phrase: string): { start: number; end: number } {
  const start = [...text.slice(0, text.lastIndexOf(phrase))].length;
  return { start, end: start + [...phrase].length };
}

test('a long article draws far paragraphs on demand; keys, find and tags reach all of it', async ({ app, page }) => {
  const text = longText();
  const report = await app.call('importTexts', [[{ name: 'long-report.txt', id: DOC_ID, text, title: TITLE, meta: {} }]]);
  expect(report.added).toEqual([DOC_ID]);
  await page.goto(app.url);
  await giveName(page, 'Amira');
  await openDocumentById(page, DOC_ID);

  const paragraphs = page.locator('[data-testid=editor] .ProseMirror > p');
  await expect(paragraphs).toHaveCount(PARAGRAPHS + 1);
  await expect(paragraphs.first()).toContainText('Paragraph 1: shelling near Qarya 1');
  // Screens away from the top, paragraphs are empty boxes until they are needed.
  const distant = await page.locator('[data-testid=editor] .ProseMirror > p.sw-distant').count();
  expect(distant).toBeGreaterThan(PARAGRAPHS / 2);
  await expect(paragraphs.last()).toHaveText('');

  // Ctrl+End goes to the last paragraph, which is drawn and on screen; tag its last two words.
  await article(page).focus();
  await page.keyboard.press('Control+End');
  await expect(paragraphs.last()).toHaveText(`The last paragraph names ${LAST_PLACE}`);
  await expect(paragraphs.last()).toBeInViewport();
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect.poll(() => selectedText(page)).toBe(LAST_PLACE);
  await page.keyboard.press('2');
  await expect(page.locator(`.sw-span[data-label=LOCATION]`, { hasText: LAST_PLACE })).toBeVisible();
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  // The find bar finds a place in the middle paragraph; its match is drawn on screen.
  await page.keyboard.press('Control+f');
  await page.keyboard.type(MIDDLE_PLACE);
  await expect(page.locator('[data-testid=find-count]')).toHaveText('1 of 1');
  await expect(page.locator('.sw-find-current')).toBeInViewport();
  await expect(page.locator('.sw-find-current')).toHaveText(MIDDLE_PLACE);
  await page.keyboard.press('Escape');
  await expect.poll(() => selectedText(page)).toBe(MIDDLE_PLACE);
  await page.keyboard.press('2');
  await expect(page.locator(`.sw-span[data-label=LOCATION]`, { hasText: MIDDLE_PLACE })).toBeInViewport();
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'long-article.png') });

  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', DOC_ID))?.spans.length).toBe(2);
  const layer = (await readAnnotatorLayer(app.projectDir, 'Amira', DOC_ID))!;
  expect(layer.spans).toEqual([
    expect.objectContaining({ ...codePointsOf(text, MIDDLE_PLACE), label: 'LOCATION', text: MIDDLE_PLACE }),
    expect.objectContaining({ ...codePointsOf(text, LAST_PLACE), label: 'LOCATION', text: LAST_PLACE }),
  ]);

  // Scrolling back to the top with the wheel, the paragraphs passed on the way are drawn.
  await page.locator('[data-testid=editor]').hover();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -2_000);
  const passed = PARAGRAPHS / 2 - 60;
  await expect(paragraphs.nth(passed - 1)).toContainText(`Paragraph ${passed}:`);
});
