/** The dashed suggestions as the editor draws them. */
import { expect, type Locator, type Page } from '@playwright/test';

const EDITOR = '[data-testid=editor] .ProseMirror';

/** A suggestion as its key `start-end-LABEL` says, with the text it covers. */
export interface ShownSuggestion {
  key: string;
  start: number;
  end: number;
  label: string;
  text: string;
}

/** Every suggestion drawn in the article. */
export function suggestionBoxes(page: Page): Locator {
  return page.locator(`${EDITOR} .sw-suggestion`);
}

/** The boxes of the suggestion with this key. */
export function suggestionBox(page: Page, key: string): Locator {
  return page.locator(`${EDITOR} .sw-suggestion[data-suggestion-key="${key}"]`);
}

/** The suggestion drawn with this key, and the text its boxes cover. */
export async function shownSuggestion(page: Page, key: string): Promise<ShownSuggestion> {
  const [, start, end, label] = /^(\d+)-(\d+)-(.+)$/.exec(key)!;
  const text = (await suggestionBox(page, key).allTextContents()).join('');
  return { key, start: Number(start), end: Number(end), label: label!, text };
}

/** The suggestion with the keyboard focus; waits for one. */
export async function focusedSuggestion(page: Page): Promise<ShownSuggestion> {
  const focused = page.locator(`${EDITOR} .sw-suggestion.sw-suggestion-focused`);
  await expect(focused.first()).toBeVisible();
  return shownSuggestion(page, (await focused.first().getAttribute('data-suggestion-key'))!);
}
