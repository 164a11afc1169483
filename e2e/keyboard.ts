/**
 * An annotator's steps with the keyboard alone: no mouse event reaches the page in the specs
 * that use these.
 */
import { expect, type Page } from '@playwright/test';

/** A word as the word moves count them (Ctrl+arrows): letters and digits, with inner hyphens and apostrophes. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** How many words of `text` end before `index` (a UTF-16 offset). */
export function wordsBefore(text: string, index: number): number {
  return [...text.slice(0, index).matchAll(WORD)].length;
}

/** Press `key` `times` times. */
export async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Answer the first-run name prompt by typing; its field has the focus. */
export async function typeName(page: Page, name: string): Promise<void> {
  await expect(page.locator('[data-testid=annotator-name]')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=annotator-display]')).toContainText(name);
}

/** The text the page's selection covers. */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => String(document.getSelection() ?? ''));
}

/** The pointer events a person's mouse makes; a key press on a button makes a `click`, never these. */
const MOUSE_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'contextmenu', 'wheel'];

/**
 * Count, from the next page load on, the mouse events that reach the page, so a spec can prove
 * it did everything by keyboard. Call before `page.goto`.
 */
export async function countMouseEvents(page: Page): Promise<void> {
  await page.addInitScript((types) => {
    const counts: Record<string, number> = {};
    (window as unknown as { spanwiseMouseEvents: Record<string, number> }).spanwiseMouseEvents = counts;
    for (const type of types) window.addEventListener(type, () => (counts[type] = (counts[type] ?? 0) + 1), true);
  }, MOUSE_EVENTS);
}

/** The mouse events counted since the page loaded, by type (see `countMouseEvents`). */
export function mouseEvents(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts = (window as unknown as { spanwiseMouseEvents?: Record<string, number> }).spanwiseMouseEvents;
    if (!counts) throw new Error('No mouse events were counted: call countMouseEvents before the page loads');
    return { ...counts };
  });
}

/** The article, which must have the keyboard focus for the caret keys. */
export function article(page: Page) {
  return page.locator('[data-testid=editor] .ProseMirror');
}

/**
 * From the start of the article, select the first occurrence of `phrase` (whole words, in
 * `text`, the document's text) with Ctrl+Right to the end of its first word, Ctrl+Left back to
 * its start and Ctrl+Shift+Right over its words.
 */
export async function selectByWords(page: Page, text: string, phrase: string): Promise<void> {
  const index = text.indexOf(phrase);
  if (index < 0) throw new Error(`${JSON.stringify(phrase)} is not in the text`);
  await page.keyboard.press('Control+Home');
  await pressTimes(page, 'Control+ArrowRight', wordsBefore(text, index) + 1);
  await page.keyboard.press('Control+ArrowLeft');
  await pressTimes(page, 'Control+Shift+ArrowRight', [...phrase.matchAll(WORD)].length);
  await expect.poll(() => selectedText(page)).toBe(phrase);
}
