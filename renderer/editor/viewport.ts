/**
 * Which part of the article is on screen, for what is drawn over a long article (span
 * highlights, suggestions): only the blocks near the screen get theirs drawn, so opening and
 * scrolling cost what a few screenfuls cost, whatever the length of the article.
 *
 * The stretch drawn is the screen window, one for the whole editor: `screenWindowPlugin` moves
 * it as the page scrolls, by a transaction (`moveWindow`) that each overlay's plugin reads in
 * its `apply` (`windowAfter`), so every overlay draws the same stretch.
 */
import { Plugin, PluginKey, type PluginView, type Transaction } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';

/** A stretch of the document, in ProseMirror positions. */
export interface PositionRange {
  from: number;
  to: number;
}

/** Before the page is measured, the window is the start of the article: a few screenfuls. */
export const FIRST_WINDOW = 12_000;
/** The window is moved once the screen comes nearer than this to its edge, in screen heights… */
const NEAR_SCREENS = 0.5;
/** …and then reaches this far beyond the screen, so a scroll moves it every screenful or so. */
const FAR_SCREENS = 1.5;

export const screenWindowKey = new PluginKey<PositionRange>('spanwise-screen-window');

/** The window of a document not measured yet. */
export function firstWindow(doc: Node): PositionRange {
  return { from: 0, to: Math.min(doc.content.size, FIRST_WINDOW) };
}

/** A transaction that moves the screen window to `window`. */
export function moveWindow(tr: Transaction, window: PositionRange): Transaction {
  return tr.setMeta(screenWindowKey, window);
}

/** Where `tr` moves the screen window, or undefined when it leaves it where it was. */
export function windowMovedBy(tr: Transaction): PositionRange | undefined {
  return tr.getMeta(screenWindowKey);
}

/** The screen window after `tr`: where it moves the window, else `previous`. */
export function windowAfter(tr: Transaction, previous: PositionRange): PositionRange {
  return windowMovedBy(tr) ?? previous;
}

/** Whether `range` reaches into `window` (touching counts: a widget at its edge is drawn). */
export function meets(range: PositionRange, window: PositionRange): boolean {
  return range.from <= window.to && range.to >= window.from;
}

/** The plugin that keeps the screen window over the blocks near the screen while the page scrolls. */
export function screenWindowPlugin(): Plugin<PositionRange> {
  return new Plugin<PositionRange>({
    key: screenWindowKey,
    state: {
      init: (_config, state) => firstWindow(state.doc),
      apply: (tr, previous) => windowAfter(tr, previous),
    },
    view: (view) => followScreen(view),
  });
}

function followScreen(view: EditorView): PluginView {
  const stop = watchScrolling(view, () => {
    const window = screenWindowKey.getState(view.state);
    if (!window) return;
    const screen = view.dom.ownerDocument.defaultView?.innerHeight ?? 0;
    const near = blocksNearScreen(view, screen * NEAR_SCREENS);
    if (!near || covers(window, near)) return;
    view.dispatch(moveWindow(view.state.tr, blocksNearScreen(view, screen * FAR_SCREENS)!));
  });
  return { destroy: stop };
}

/** The vertical extent of a block on screen, in client coordinates. */
export interface BlockExtent {
  top: number;
  bottom: number;
}

/**
 * The first and last index of the blocks that reach into `[top, bottom]`, given the blocks in
 * document order (so their extents only grow down the page). When none does, the block nearest
 * that band, so there is always something to draw around. Looks at O(log n) blocks.
 */
export function blocksInBand(count: number, extentOf: (index: number) => BlockExtent, top: number, bottom: number): [number, number] {
  const firstBelow = (holds: (index: number) => boolean): number => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (holds(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const first = Math.min(firstBelow((index) => extentOf(index).bottom >= top), count - 1);
  const last = Math.max(firstBelow((index) => extentOf(index).top > bottom) - 1, first);
  return [first, last];
}

/**
 * The positions of the blocks of `view` that lie on screen or within `marginPx` of it, or null
 * while the view holds no block. Reading the blocks' boxes lays the page out, so call it at
 * most once per frame.
 */
export function blocksNearScreen(view: EditorView, marginPx: number): PositionRange | null {
  const blocks = view.dom.children;
  if (blocks.length === 0) return null;
  const screenHeight = view.dom.ownerDocument.defaultView?.innerHeight ?? 0;
  const [first, last] = blocksInBand(blocks.length, (index) => blocks[index]!.getBoundingClientRect(), -marginPx, screenHeight + marginPx);
  const lastBlock = blocks[last]!;
  return { from: view.posAtDOM(blocks[first]!, 0), to: view.posAtDOM(lastBlock, lastBlock.childNodes.length) };
}

/** Frames to wait at most for ProseMirror to read a selection before updating the view anyway. */
const MAX_WAIT_FRAMES = 10;

/**
 * Call `onChange` once per animation frame at most while anything on the page scrolls or the
 * window is resized, and never while the page holds a selection ProseMirror has not read yet
 * (see `selectionUnread`). Returns the function that stops watching.
 */
export function watchScrolling(view: EditorView, onChange: () => void): () => void {
  const page = view.dom.ownerDocument;
  const win = page.defaultView;
  if (!win) return () => {};
  let frame = 0;
  let waited = 0;
  const schedule = () => {
    if (frame === 0) {
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        if (selectionUnread(view) && waited++ < MAX_WAIT_FRAMES) return schedule();
        waited = 0;
        onChange();
      });
    }
  };
  // Scroll events do not bubble; caught on the way down they come from any scrolled element.
  page.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule);
  schedule();
  return () => {
    page.removeEventListener('scroll', schedule, { capture: true });
    win.removeEventListener('resize', schedule);
    if (frame !== 0) win.cancelAnimationFrame(frame);
  };
}

/**
 * Whether the page's selection lies in the view where ProseMirror's does not: it has changed
 * and ProseMirror has not read it yet (that happens in a task of its own, on `selectionchange`).
 * Updating the view before then would put ProseMirror's older selection back on the page,
 * undoing what was just selected.
 */
export function selectionUnread(view: EditorView): boolean {
  const selection = view.dom.ownerDocument.getSelection();
  const { anchorNode, focusNode } = selection ?? {};
  if (!selection || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return false;
  try {
    const { anchor, head } = view.state.selection;
    return view.posAtDOM(anchorNode, selection.anchorOffset) !== anchor || view.posAtDOM(focusNode, selection.focusOffset) !== head;
  } catch {
    // A node ProseMirror cannot place (inside a widget): nothing it would read either.
    return false;
  }
}

/** Whether `outer` holds all of `inner`. */
export function covers(outer: PositionRange | null, inner: PositionRange): boolean {
  return outer !== null && outer.from <= inner.from && inner.to <= outer.to;
}
