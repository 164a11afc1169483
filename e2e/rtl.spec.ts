/**
 * Right-to-left text: an Arabic article (a fixture written for Spanwise, with an emoji before
 * its first paragraph so code points and UTF-16 differ) reads right to left, and words tagged
 * by keyboard — where Ctrl+Left reads forward — land on disk at the right code point offsets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, test, expect } from './fixtures';
import { article, selectedText, typeName } from './keyboard';
import { readAnnotatorLayer, readDocument } from './project-files';
import { docItem, SAVED, spanTexts } from './user';

const DOC_ID = 'arabic-report';
const PLACE = 'تل الورد';
const FIGURE = 'ثلاثة مدنيين';

/** The code point range of `phrase` at its first occurrence at or after UTF-16 offset `from`. */
function codePointsOf(text: string, phrase: string, from: number): { start: number; end: number } {
  const index = text.indexOf(phrase, from);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...phrase].length };
}

test('an Arabic article reads right to left and is tagged by keyboard at the right offsets', async ({ app, page }) => {
  const text = (await readFile(join(repoRoot, 'e2e/fixtures/arabic-report.txt'), 'utf8')).trimEnd();
  const title = text.slice(0, text.indexOf('\n'));
  const report = await app.call('importTexts', [[{ name: 'arabic-report.txt', id: DOC_ID, text, title, meta: { publishedAt: '2024-06-04' } }]]);
  expect(report.added).toEqual([DOC_ID]);

  await page.goto(app.url);
  await typeName(page, 'Amira');
  // The sample articles come first; ] steps to the sixth document, the Arabic one, one at a
  // time as a reader would, each open before the next key.
  const items = page.locator('[data-testid=doc-item]');
  await expect(items).toHaveCount(6);
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press(']');
    await expect(items.nth(i)).toHaveAttribute('aria-current', /.+/);
  }
  await expect(docItem(page, DOC_ID)).toHaveAttribute('aria-current', /.+/);
  await expect(article(page)).toContainText(PLACE);
  const paragraph = page.locator('[data-testid=editor] .ProseMirror p.sw-line').first();
  await expect(paragraph).toHaveCSS('direction', 'rtl');
  await expect(page.locator('[data-testid=editor] .ProseMirror h1')).toHaveCSS('direction', 'rtl');

  // To the start of the first paragraph; Ctrl+Shift+Left extends forward in right-to-left text.
  await article(page).focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect.poll(() => selectedText(page)).toBe(`🔴 ${PLACE}`);
  await page.keyboard.press('2');
  await expect.poll(() => spanTexts(page, 'LOCATION')).toEqual([PLACE]);

  // On past "— قُتل" (a word with a vowel mark) and over the next two words.
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect.poll(() => selectedText(page)).toBe(` ${FIGURE}`);
  await page.keyboard.press('4');
  await expect.poll(() => spanTexts(page, 'CASUALTY')).toEqual([FIGURE]);
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);

  const stored = await readDocument(app.projectDir, DOC_ID);
  expect(stored.text).toBe(text);
  const body = text.indexOf('\n\n');
  const place = codePointsOf(text, PLACE, body);
  const figure = codePointsOf(text, FIGURE, body);
  // The emoji is two UTF-16 units but one code point: the offsets on disk count it once.
  expect(place.start).toBe(text.indexOf(PLACE, body) - 1);
  await expect.poll(async () => (await readAnnotatorLayer(app.projectDir, 'Amira', DOC_ID))?.spans.length).toBe(2);
  const layer = (await readAnnotatorLayer(app.projectDir, 'Amira', DOC_ID))!;
  expect(layer.spans).toEqual([
    expect.objectContaining({ ...place, label: 'LOCATION', text: PLACE }),
    expect.objectContaining({ ...figure, label: 'CASUALTY', text: FIGURE }),
  ]);
  for (const span of layer.spans) expect([...text].slice(span.start, span.end).join('')).toBe(span.text);
});
