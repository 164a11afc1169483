/**
 * A long article's paragraphs far from the screen, drawn as empty boxes of about their height.
 *
 * Building the DOM of thousands of paragraphs and working out their style is most of what
 * opening a long article costs, and nobody sees those that are screens away. So above
 * `DRAW_ALL_BLOCKS` blocks, a paragraph gets its text (and with it its highlights, suggestions and
 * matches) only once the screen window (`viewport.ts`) or the selection reaches it; until then its
 * node view has no content DOM: an empty `<p>` whose height CSS estimates from its length. Once
 * drawn a paragraph stays drawn, so scrolling back costs nothing and the page settles to its true
 * height. The document itself is whole: positions, selection, copying and search see every
 * paragraph.
 *
 * Whether a paragraph is drawn is its `drawn` attribute (schema.ts): the document starts with
 * those past the first screenfuls undrawn (`createArticleDoc`), and this plugin appends a
 * transaction setting it wherever the window or the selection has come, in one step for all
 * (`blocksAttrStep.ts`). A changed node is what
 * makes ProseMirror replace just that paragraph's view; per-block decorations would do the same
 * but make every redraw look through all of them for each block.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type PluginView, type Transaction } from 'prosemirror-state';
import type { EditorView, NodeViewConstructor } from 'prosemirror-view';
import { BlocksAttrStep } from './blocksAttrStep';
import { FIRST_WINDOW, meets, windowMovedBy, type PositionRange } from './viewport';

/** Up to this many blocks every one is drawn with its text: a short article is laid out at once. */
export const DRAW_ALL_BLOCKS = 400;

/** The position from which a new document of `blockCount` blocks starts with its paragraphs undrawn. */
export function drawnUntil(blockCount: number): number {
  return blockCount > DRAW_ALL_BLOCKS ? FIRST_WINDOW : Infinity;
}

export const distantBlocksKey = new PluginKey('spanwise-distant-blocks');

/** The plugin for one document; `doc` decides whether it has paragraphs waiting to be drawn. */
export function distantBlocksPlugin(doc: Node): Plugin {
  let waiting = false;
  doc.forEach((block) => {
    waiting ||= block.attrs.drawn === false;
  });
  return new Plugin({
    key: distantBlocksKey,
    appendTransaction: waiting ? (transactions, _old, state) => drawReached(transactions, state.tr) : undefined,
    props: waiting ? { nodeViews: { paragraph: paragraphView } } : {},
    view: waiting ? (view) => lineLengthGauge(view) : undefined,
  });
}

/** A transaction drawing the paragraphs `transactions` moved the screen window or the selection to; null when none waits. */
function drawReached(transactions: readonly Transaction[], tr: Transaction): Transaction | null {
  const reach: PositionRange[] = [];
  for (const each of transactions) {
    const moved = windowMovedBy(each);
    if (moved) reach.push(moved);
  }
  if (transactions.some((each) => each.selectionSet)) {
    const { anchor, head } = tr.selection;
    reach.push({ from: anchor, to: anchor }, { from: head, to: head });
  }
  const drawn = new Map<number, boolean>();
  for (const range of reach) {
    for (const { block, from } of blocksMeeting(tr.doc, range)) {
      if (block.attrs.drawn === false) drawn.set(from, true);
    }
  }
  return drawn.size > 0 ? tr.step(new BlocksAttrStep('drawn', drawn)) : null;
}

interface BlockExtent {
  block: Node;
  index: number;
  from: number;
  to: number;
}

/** The top-level blocks of `doc` reaching into `range` (touching counts), found by binary search. */
export function blocksMeeting(doc: Node, range: PositionRange): BlockExtent[] {
  const found: BlockExtent[] = [];
  const $from = doc.resolve(Math.max(0, Math.min(range.from, doc.content.size)));
  let index = $from.index(0);
  // Between two blocks (depth 0) the block before touches the range too.
  if ($from.depth === 0 && index > 0) index -= 1;
  for (let pos = $from.posAtIndex(index, 0); index < doc.childCount && pos <= range.to; index++) {
    const block = doc.child(index);
    const extent = { block, index, from: pos, to: pos + block.nodeSize };
    if (meets(extent, range)) found.push(extent);
    pos = extent.to;
  }
  return found;
}

/**
 * A paragraph's view: the usual `<p>` with its text once drawn, else an empty `<p>` whose height
 * CSS works out from `--sw-chars` (see article.css). Drawing replaces the view.
 */
const paragraphView: NodeViewConstructor = (node, view) => {
  const drawn = node.attrs.drawn !== false;
  const dom = view.dom.ownerDocument.createElement('p');
  dom.dir = 'auto';
  dom.className = node.content.size === 0 ? 'sw-blank' : drawn ? 'sw-line' : 'sw-line sw-distant';
  const update = (next: Node) => next.type === node.type && (next.attrs.drawn !== false) === drawn;
  if (drawn) return { dom, contentDOM: dom, update };
  dom.style.setProperty('--sw-chars', String(node.content.size));
  return { dom, update, ignoreMutation: () => true };
};

/**
 * Keeps `--sw-line-chars` on the article (characters per line, which the empty boxes' heights
 * are worked out from; article.css gives a first guess) measured from the paragraphs drawn, in
 * idle time after the first paint, and again whenever the article's width changes.
 */
function lineLengthGauge(view: EditorView): PluginView {
  const win = view.dom.ownerDocument.defaultView;
  if (!win) return {};
  let pending: number | null = null;
  const measure = () => {
    pending = null;
    const lineChars = view.isDestroyed ? null : measureLineChars(view.dom);
    if (lineChars !== null) view.dom.style.setProperty('--sw-line-chars', lineChars.toFixed(1));
  };
  // A resize observer hears of the width after layout instead of forcing one. Only a new width
  // (not height, which grows as paragraphs are drawn) calls for a measure, taken in idle time
  // since measuring lays the page out.
  let width = -1;
  const resizes = new win.ResizeObserver(([entry]) => {
    if (!entry || entry.contentRect.width === width) return;
    width = entry.contentRect.width;
    pending ??= win.requestIdleCallback(measure, { timeout: IDLE_TIMEOUT_MS });
  });
  resizes.observe(view.dom);
  return {
    destroy: () => {
      resizes.disconnect();
      if (pending !== null) win.cancelIdleCallback(pending);
      view.dom.style.removeProperty('--sw-line-chars');
    },
  };
}

/** The measurement waits for an idle period at most this long. */
const IDLE_TIMEOUT_MS = 1_000;

/** Enough paragraphs to average over, few enough to measure in a frame. */
const MEASURED_PARAGRAPHS = 60;

/** Characters per line in the drawn paragraphs of `article`, or null while too few lines are drawn to tell. */
function measureLineChars(article: HTMLElement): number | null {
  const drawn = [...article.querySelectorAll<HTMLElement>('p.sw-line:not(.sw-distant)')].slice(0, MEASURED_PARAGRAPHS);
  const lineHeight = drawn.length > 0 ? parseFloat(getComputedStyle(drawn[0]!).lineHeight) : NaN;
  if (!(lineHeight > 0)) return null;
  let chars = 0;
  let lines = 0;
  for (const paragraph of drawn) {
    chars += paragraph.textContent?.length ?? 0;
    lines += Math.max(1, Math.round(paragraph.getBoundingClientRect().height / lineHeight));
  }
  return lines >= 10 ? chars / lines : null;
}
