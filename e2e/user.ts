/**
 * What an annotator does, as Playwright steps: the specs read as a user's session. Selections
 * are made with the mouse, from the text's real position on screen.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { pickName } from './phrases';

const EDITOR = '[data-testid=editor] .ProseMirror';

/** What the save indicator says when no save is pending or failed ("Not saved: …" must not match). */
export const SAVED = /^Saved$/;

/** Answer the first-run name prompt. */
export async function giveName(page: Page, name: string): Promise<void> {
  await page.locator('[data-testid=annotator-name]').fill(name);
  await page.locator('[data-testid=annotator-save]').click();
  await expect(page.locator('[data-testid=annotator-display]')).toContainText(name);
}

/** The document list's entry for `docId`. */
export function docItem(page: Page, docId: string): Locator {
  return page.locator(`[data-testid=doc-item][data-doc-id="${docId}"]`);
}

/** Open the document at `index` of the list; resolves with its id once its text is shown. */
export async function openDocument(page: Page, index = 0): Promise<string> {
  const docId = await page.locator('[data-testid=doc-item]').nth(index).getAttribute('data-doc-id');
  if (!docId) throw new Error(`Document item ${index} has no data-doc-id`);
  await openDocumentById(page, docId);
  return docId;
}

/** Open the document `docId` from the list and wait for its text and its suggestions. */
export async function openDocumentById(page: Page, docId: string): Promise<void> {
  await docItem(page, docId).click();
  await expect(page.locator(EDITOR)).not.toBeEmpty();
  await expect(page.locator('[data-testid=suggestion-bar]')).toHaveAttribute('aria-busy', 'false');
}

/** The document text as the editor shows it, blocks joined by `\n`. */
export function editorText(page: Page): Promise<string> {
  return page.locator(EDITOR).evaluate((root) => [...root.children].map((block) => block.textContent ?? '').join('\n'));
}

interface Point {
  x: number;
  y: number;
}

/**
 * Where a phrase is on screen (scrolled into view): points just inside its first and last
 * characters, and the centre of its middle character (a phrase may wrap across lines).
 */
interface PhraseBox {
  start: Point;
  end: Point;
  middle: Point;
}

async function phraseBox(page: Page, phrase: string): Promise<PhraseBox> {
  const box = await page.locator(EDITOR).evaluate(
    (root, phrase) => {
      // The document's own characters only: label chips are widgets outside the text.
      const nodes: Array<{ node: Text; start: number }> = [];
      let text = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const widget = node.parentElement?.closest('[contenteditable="false"]');
        if (widget && widget !== root) continue;
        nodes.push({ node: node as Text, start: text.length });
        text += (node as Text).data;
      }
      const index = text.indexOf(phrase);
      if (index === -1) return null;
      const ownerOf = (offset: number) => nodes.findLast((entry) => entry.start <= offset)!;
      ownerOf(index).node.parentElement?.scrollIntoView({ block: 'center' });
      const charRect = (offset: number) => {
        const owner = ownerOf(offset);
        const range = document.createRange();
        range.setStart(owner.node, offset - owner.start);
        range.setEnd(owner.node, offset - owner.start + 1);
        return range.getBoundingClientRect();
      };
      const first = charRect(index);
      const last = charRect(index + phrase.length - 1);
      const middle = charRect(index + Math.floor(phrase.length / 2));
      // Just inside the outer edges: the caret lands before the first and after the last character.
      return {
        start: { x: first.left + Math.min(2, first.width / 4), y: first.top + first.height / 2 },
        end: { x: last.right - Math.min(2, last.width / 4), y: last.top + last.height / 2 },
        middle: { x: middle.left + middle.width / 2, y: middle.top + middle.height / 2 },
      };
    },
    phrase,
  );
  if (!box) throw new Error(`The editor does not show ${JSON.stringify(phrase)}`);
  return box;
}

/** The article text inside the DOM selection, label chips left out. */
function selectedText(page: Page): Promise<string> {
  return page.locator(EDITOR).evaluate((root) => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return '';
    const range = selection.getRangeAt(0);
    let text = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const widget = node.parentElement?.closest('[contenteditable="false"]');
      if ((widget && widget !== root) || !range.intersectsNode(node)) continue;
      const data = (node as Text).data;
      text += data.slice(node === range.startContainer ? range.startOffset : 0, node === range.endContainer ? range.endOffset : data.length);
    }
    return text;
  });
}

const DRAG_ATTEMPTS = 3;

/**
 * Drag the mouse across the first occurrence of `phrase`, as a person selecting it would.
 * Suggestions arriving mid-drag redraw the paragraph under the mouse, as they can for a
 * person, who would drag again; so does this, and fails if the selection never holds.
 */
export async function dragSelect(page: Page, phrase: string): Promise<void> {
  let selected = '';
  for (let attempt = 1; attempt <= DRAG_ATTEMPTS; attempt++) {
    const { start, end } = await phraseBox(page, phrase);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();
    selected = await selectedText(page);
    if (selected === phrase) return;
  }
  throw new Error(`Dragging across ${JSON.stringify(phrase)} selected ${JSON.stringify(selected)} ${DRAG_ATTEMPTS} times`);
}

/** Click the middle character of `phrase`, e.g. to select the span under it. */
export async function clickText(page: Page, phrase: string): Promise<void> {
  const { middle } = await phraseBox(page, phrase);
  await page.mouse.click(middle.x, middle.y);
}

/**
 * The spans drawn with this label, as `{ id, text }` in document order. A span is drawn as
 * several boxes where other spans start or end inside it; its text is theirs joined.
 */
export function spansOf(page: Page, label: string): Promise<Array<{ id: string; text: string }>> {
  return page.locator(EDITOR).evaluate((root, label) => {
    const texts = new Map<string, string>();
    for (const box of root.querySelectorAll(`.sw-span[data-label="${label}"][data-span-id]`)) {
      const id = box.getAttribute('data-span-id')!;
      texts.set(id, (texts.get(id) ?? '') + (box.textContent ?? ''));
    }
    return [...texts].map(([id, text]) => ({ id, text }));
  }, label);
}

/** The texts of the spans drawn with this label, in document order. */
export async function spanTexts(page: Page, label: string): Promise<string[]> {
  return (await spansOf(page, label)).map((span) => span.text);
}

/** Select `phrase` with the mouse and press `key`; resolves with the id of the new span. */
export async function tag(page: Page, phrase: string, key: string, label: string): Promise<string> {
  await dragSelect(page, phrase);
  await page.keyboard.press(key);
  // The id is read in the same look that finds the span: a save the disk refuses redraws it.
  let spanId: string | undefined;
  await expect
    .poll(async () => (spanId = (await spansOf(page, label)).find((candidate) => candidate.text === phrase)?.id), {
      message: `No ${label} span on ${JSON.stringify(phrase)}`,
    })
    .toBeTruthy();
  return spanId!;
}

/** The boxes a span is drawn in (one, or several where other spans start or end inside it). */
export function boxesOf(page: Page, spanId: string): Locator {
  return page.locator(`${EDITOR} .sw-span[data-span-id="${spanId}"]`);
}

/** The label chip drawn before a span. */
export function chipOf(page: Page, spanId: string): Locator {
  return page.locator(`${EDITOR} .sw-chip[data-span-id="${spanId}"]`);
}

/** The core flow: give a name, open the first article, tag a name in it as ACTOR with `1`. */
export async function tagFirstName(page: Page, annotator: string): Promise<{ docId: string; phrase: string; spanId: string }> {
  await giveName(page, annotator);
  const docId = await openDocument(page, 0);
  const phrase = pickName(await editorText(page));
  const spanId = await tag(page, phrase, '1', 'ACTOR');
  await expect(chipOf(page, spanId)).toBeVisible();
  await expect(page.locator('[data-testid=save-state]')).toHaveText(SAVED);
  return { docId, phrase, spanId };
}
