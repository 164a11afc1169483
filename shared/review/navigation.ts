/** Walking the open review items of a whole corpus, one document after another. */
import { compareItems, type ItemPosition } from './items';

/** Where a walk starts: a document, and the item in it (null: before its first item when going forward, after its last going back). */
export interface WalkStart {
  docId: string;
  cursor: ItemPosition | null;
}

/** The item a walk arrived at; `wrapped` when it went past the end (or start) of the corpus to get there. */
export interface ItemTarget {
  docId: string;
  itemId: string;
  wrapped: boolean;
}

/**
 * The open item after (`step` 1) or before (-1) `from`: further on in its document, then in the
 * documents that follow in `docIds` order, wrapping round to the other end of the corpus and
 * back into `from`'s document. The item at the cursor itself is never the answer. Null when no
 * other item is open. `openItems` gives a document's open items in `compareItems` order.
 */
export function findItem(
  docIds: readonly string[],
  openItems: (docId: string) => readonly ItemPosition[],
  from: WalkStart | null,
  step: 1 | -1,
): ItemTarget | null {
  const count = docIds.length;
  if (count === 0) return null;
  const start = from ? docIds.indexOf(from.docId) : -1;
  const pick = (items: readonly ItemPosition[]) => (step === 1 ? items[0] : items[items.length - 1]);
  if (start === -1 || !from) {
    for (let i = 0; i < count; i++) {
      const docId = docIds[step === 1 ? i : count - 1 - i];
      const item = pick(openItems(docId));
      if (item) return { docId, itemId: item.id, wrapped: false };
    }
    return null;
  }
  const { cursor } = from;
  const beyond = (item: ItemPosition) => !cursor || compareItems(item, cursor) * step > 0;
  const own = openItems(from.docId);
  const ahead = pick(own.filter(beyond));
  if (ahead) return { docId: from.docId, itemId: ahead.id, wrapped: false };
  for (let i = 1; i < count; i++) {
    const index = (((start + i * step) % count) + count) % count;
    const item = pick(openItems(docIds[index]));
    if (item) return { docId: docIds[index], itemId: item.id, wrapped: step === 1 ? index < start : index > start };
  }
  if (!cursor) return null;
  const behind = pick(own.filter((item) => compareItems(item, cursor) * step < 0));
  return behind ? { docId: from.docId, itemId: behind.id, wrapped: true } : null;
}
