/**
 * A long article's paragraphs far from the screen, drawn as empty boxes of about their height.
 *
 * Building the DOM of thousands of paragraphs and working out their style is most of what
 * opening a long article costs, and nobody sees those that are screens away. So above
 * `DRAW_ALL_BLOCKS` blocks, a paragraph gets its text (and with it its highlights, suggestions and
 * matches) only once the screen window (`viewport.ts`) or the selection reaches it; until then
 * ProseMirror holds it as a node view with no content DOM, an empty `<p>` whose height CSS
 * estimates from its length. Once drawn a paragraph stays drawn, so scrolling back costs nothing
 * and the page settles to its true height. The document itself is whole: positions, selection,
 * copying and search see every paragraph.
 *
 * Which blocks are drawn is plugin state, shown to the node views as node decorations (a spec
 * flag, no attributes): a decoration appearing on a block is what makes ProseMirror recreate its
 * view with content.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type PluginView, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView, type NodeView, type NodeViewConstructor } from 'prosemirror-view';
import { firstWindow, meets, watchScrolling, windowMovedBy, type PositionRange } from './viewport';

/** Up to this many blocks every one is drawn with its text: a short article is laid out at once. */
export const DRAW_ALL_BLOCKS = 400;

export interface DistantBlocksState {
  /** Whether the article is long enough for blocks to wait to be drawn. */
  lazy: boolean;
  /** The index of every block drawn with its text, in document order of discovery. */
  drawn: ReadonlySet<number>;
  /** One node decoration per drawn block, carrying `DRAWN_SPEC`. */
  decorations: DecorationSet;
}

const DRAWN_SPEC = { drawnBlock: true } as const;

export const distantBlocksKey = new PluginKey<DistantBlocksState>('spanwise-distant-blocks');

/** The plugin for one document: `doc` decides whether it is long enough to need it. */
export function distantBlocksPlugin(doc: Node): Plugin<DistantBlocksState> {
  const lazy = doc.childCount > DRAW_ALL_BLOCKS;
  return new Plugin<DistantBlocksState>({
    key: distantBlocksKey,
    state: {
      init: (_config, state) => {
        const empty: DistantBlocksState = { lazy, drawn: new Set(), decorations: DecorationSet.empty };
        return lazy ? drawBlocks(state.doc, empty, [firstWindow(state.doc), state.selection]) : empty;
      },
      apply: (tr, previous) => (previous.lazy ? applyTransaction(tr, previous) : previous),
    },
    props: lazy
      ? {
          decorations: (state) => distantBlocksKey.getState(state)?.decorations,
          nodeViews: { paragraph: paragraphView },
        }
      : {},
    view: lazy ? (view) => lineLengthGauge(view) : undefined,
  });
}

export function distantBlocksState(state: EditorState): DistantBlocksState {
  const value = distantBlocksKey.getState(state);
  if (!value) throw new Error('The editor state has no distant-blocks plugin');
  return value;
}

/** The blocks the screen window moved over, and those the selection's ends are in, get drawn. */
function applyTransaction(tr: Transaction, previous: DistantBlocksState): DistantBlocksState {
  const moved = windowMovedBy(tr);
  const reach: PositionRange[] = [];
  if (moved) reach.push(moved);
  if (tr.selectionSet) {
    const { anchor, head } = tr.selection;
    reach.push({ from: anchor, to: anchor }, { from: head, to: head });
  }
  return reach.length === 0 ? previous : drawBlocks(tr.doc, previous, reach);
}

/** `previous` with every block meeting one of `ranges` drawn too. */
function drawBlocks(doc: Node, previous: DistantBlocksState, ranges: readonly PositionRange[]): DistantBlocksState {
  let drawn: Set<number> | null = null;
  const added: Decoration[] = [];
  for (const range of ranges) {
    for (const { index, from, to } of blocksMeeting(doc, range)) {
      if (previous.drawn.has(index) || drawn?.has(index)) continue;
      drawn ??= new Set(previous.drawn);
      drawn.add(index);
      added.push(Decoration.node(from, to, {}, DRAWN_SPEC));
    }
  }
  if (!drawn) return previous;
  return { lazy: previous.lazy, drawn, decorations: previous.decorations.add(doc, added) };
}

interface BlockExtent {
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
  const offset = $from.posAtIndex(index, 0);
  for (let pos = offset; index < doc.childCount && pos <= range.to; index++) {
    const block = doc.child(index);
    const extent = { index, from: pos, to: pos + block.nodeSize };
    if (meets(extent, range)) found.push(extent);
    pos = extent.to;
  }
  return found;
}

/**
 * A paragraph's view: the usual `<p>` with its text when a drawn-block decoration is on it, else
 * an empty `<p>` whose height CSS works out from `--sw-chars` (see article.css). Either is
 * replaced, not updated, when the decoration comes.
 */
const paragraphView: NodeViewConstructor = (node, view, _getPos, decorations) => {
  const drawn = decorations.some((deco) => (deco.spec as Partial<typeof DRAWN_SPEC>).drawnBlock === true);
  const dom = view.dom.ownerDocument.createElement('p');
  dom.dir = 'auto';
  dom.className = node.content.size === 0 ? 'sw-blank' : 'sw-line';
  const nodeView: NodeView = {
    dom,
    update: (next, nextDecorations) =>
      next === node && nextDecorations.some((deco) => (deco.spec as Partial<typeof DRAWN_SPEC>).drawnBlock === true) === drawn,
  };
  if (drawn) return { ...nodeView, contentDOM: dom };
  dom.classList.add('sw-distant');
  dom.style.setProperty('--sw-chars', String(node.content.size));
  return { ...nodeView, ignoreMutation: () => true };
};

/**
 * Keeps `--sw-line-chars` on the article (characters per line, which the empty boxes' heights
 * are worked out from; article.css gives a first guess) measured from the paragraphs drawn, in
 * idle time after the first paint, and again whenever the article's width changes.
 */
function lineLengthGauge(view: EditorView): PluginView {
  const win = view.dom.ownerDocument.defaultView;
  let measuredWidth = -1;
  let pending: number | null = null;
  const measure = () => {
    pending = null;
    const width = view.dom.clientWidth;
    if (width === measuredWidth || view.isDestroyed) return;
    const lineChars = measureLineChars(view.dom);
    if (lineChars === null) return;
    measuredWidth = width;
    view.dom.style.setProperty('--sw-line-chars', lineChars.toFixed(1));
  };
  // Measuring lays the page out; before the first paint that would only delay it.
  const stop = watchScrolling(view, () => {
    if (pending === null && view.dom.clientWidth !== measuredWidth) pending = win?.requestIdleCallback(measure, { timeout: IDLE_TIMEOUT_MS }) ?? null;
  });
  return {
    destroy: () => {
      stop();
      if (pending !== null) win?.cancelIdleCallback(pending);
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
