/**
 * The article on screen: a read-only ProseMirror view of one document with its span highlights.
 * It speaks code points to the rest of the app and keeps ProseMirror positions to itself.
 */
import { EditorState, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { createPositionMap, type PositionMap } from '../../shared/offsets';
import type { LabelDef } from '../../shared/types';
import type { CaretUnit } from '../app/keys';
import { createArticleDoc } from './article';
import { caretPlugin, withFocus } from './caret';
import { articleSchema } from './schema';
import { highlightState, highlightsPlugin, selectSpan, showSpans, spanToSelect, type ShownSpan } from './highlights';
import {
  documentEdge,
  lineEdgeTarget,
  lineTarget,
  movedSelection,
  selectedRange,
  selectionTo,
  type CodePointRange,
} from './textSelection';

/** What the app needs from the article display; a fake stands in for it in tests. */
export interface SpanDisplay {
  /** Show another document (or the same one afresh) with these spans. */
  load(text: string, title: string, spans: readonly ShownSpan[], labels: readonly LabelDef[]): void;
  /** Show no document at all. */
  clear(): void;
  /** Show these spans instead of the ones on show. */
  show(spans: readonly ShownSpan[]): void;
  selectedSpanId(): string | null;
  selectSpan(id: string | null): void;
  /** The text selection in code points, or null when nothing is selected. */
  selectedRange(): CodePointRange | null;
  clearTextSelection(): void;
  /** Where the selection's head is, in code points. */
  caretOffset(): number;
  /** Move the caret (or the selection's head, with `extend`); drops the span selection. */
  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean): void;
  /** Select the span, put the caret at its start and scroll it into view. */
  revealSpan(id: string): void;
  /** Give the article the keyboard focus. */
  focus(): void;
}

export interface ArticleViewEvents {
  /** The outlined span changed, by a click, a key or an edit. */
  onSelectedSpanChange(id: string | null): void;
}

/** Room kept between the caret (or a span jumped to) and the edge of the scrolled area, in px. */
const SCROLL_MARGIN = 80;

/** The ProseMirror view of the article; made once, then given new documents and spans. */
export class ArticleView implements SpanDisplay {
  private readonly view: EditorView;
  private text = '';
  private positions: PositionMap = createPositionMap('');
  private selectedId: string | null = null;
  /** The column a run of up and down moves keeps to; null after any other move. */
  private goalX: number | null = null;

  constructor(mount: HTMLElement, private readonly events: ArticleViewEvents) {
    this.view = new EditorView(mount, {
      state: emptyState(),
      editable: () => false,
      attributes: {
        // Not editable, yet it must take focus so the keyboard reaches it.
        tabindex: '0',
        class: 'sw-article',
        role: 'document',
        'aria-label': 'Article text',
      },
      dispatchTransaction: (tr) => this.dispatch(tr),
      // Keyboard moves scroll with room to spare, so the next line is on screen to be found.
      scrollMargin: SCROLL_MARGIN,
      scrollThreshold: SCROLL_MARGIN,
      handleClick: (view, pos, event) => {
        if (selectSpanUnder(view, pos, event)) return true;
        // A click beside every span drops the span selection and any selected text.
        view.dispatch(selectSpan(view.state.tr.setSelection(caretAt(view, pos)), null));
        return true;
      },
      // Clicks in quick succession count as double and triple clicks; on a span they must go on
      // walking outward through the nest. Elsewhere the browser selects a word or a line.
      handleDoubleClick: selectSpanUnder,
      handleTripleClick: selectSpanUnder,
    });
  }

  load(text: string, title: string, spans: readonly ShownSpan[], labels: readonly LabelDef[]): void {
    this.text = text;
    this.positions = createPositionMap(text);
    const plugin = highlightsPlugin({ positions: this.positions, labels, spans });
    const plugins = [plugin, caretPlugin(this.view.hasFocus())];
    this.view.updateState(EditorState.create({ doc: createArticleDoc(text, title), plugins }));
    this.goalX = null;
    this.notifySelection();
  }

  clear(): void {
    this.text = '';
    this.positions = createPositionMap('');
    this.view.updateState(emptyState());
    this.notifySelection();
  }

  show(spans: readonly ShownSpan[]): void {
    this.dispatch(showSpans(this.view.state.tr, spans));
  }

  selectedSpanId(): string | null {
    return highlightState(this.view.state).selectedId;
  }

  selectSpan(id: string | null): void {
    this.dispatch(selectSpan(this.view.state.tr, id));
  }

  selectedRange(): CodePointRange | null {
    return selectedRange(this.view.state.selection, this.positions);
  }

  clearTextSelection(): void {
    const { doc, selection } = this.view.state;
    if (selection.empty) return;
    this.dispatch(this.view.state.tr.setSelection(TextSelection.create(doc, selection.to)));
    // Unfocused, the view leaves the DOM selection alone; the highlight must not stay on screen.
    const shown = this.view.dom.ownerDocument.getSelection();
    if (shown && shown.rangeCount > 0 && this.view.dom.contains(shown.anchorNode)) shown.collapseToEnd();
  }

  caretOffset(): number {
    return this.positions.fromPos(this.view.state.selection.head);
  }

  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean): void {
    const head = this.view.state.selection.head;
    const goalX = unit === 'line' ? (this.goalX ?? this.view.coordsAtPos(head).left) : null;
    let selection: Selection;
    if (unit === 'character' || unit === 'word') {
      // Left and right are screen directions; in a right-to-left paragraph left reads forward.
      const reading = this.isRightToLeftAt(head) ? (-direction as 1 | -1) : direction;
      selection = movedSelection(this.view.state, this.text, this.positions, reading, unit === 'word' ? 'word' : 'grapheme', extend);
    } else {
      const target = this.caretTarget(unit, direction);
      selection = selectionTo(this.view.state, this.positions, target, extend);
    }
    this.dispatch(selectSpan(this.view.state.tr.setSelection(selection), null).scrollIntoView());
    this.goalX = goalX;
    this.ownDomSelection();
  }

  revealSpan(id: string): void {
    const span = highlightState(this.view.state).spans.get(id);
    if (!span) return;
    const caret = TextSelection.create(this.view.state.doc, this.positions.toPos(span.start));
    this.dispatch(selectSpan(this.view.state.tr.setSelection(caret), id).scrollIntoView());
    this.ownDomSelection();
  }

  focus(): void {
    // EditorView.focus() only focuses editable views; this one takes focus through its tabindex.
    this.view.dom.focus({ preventScroll: true });
    this.ownDomSelection();
  }

  destroy(): void {
    this.view.destroy();
  }

  private dispatch(tr: Transaction): void {
    if (tr.selectionSet) this.goalX = null;
    this.view.updateState(this.view.state.apply(tr));
    this.notifySelection();
  }

  /** Where a move by lines or to an edge puts the caret, as a document position. */
  private caretTarget(unit: Exclude<CaretUnit, 'character' | 'word'>, direction: 1 | -1): number {
    const { state } = this.view;
    const { head } = state.selection;
    if (unit === 'article-edge') return documentEdge(state, direction);
    if (unit === 'line-edge') {
      const block = this.blockAt(head);
      return block ? lineEdgeTarget(this.view, head, direction, block.getBoundingClientRect()) : head;
    }
    // The line looked for must be on screen, where positions can be found by their coordinates.
    this.view.dispatch(state.tr.scrollIntoView());
    const goalX = this.goalX ?? this.view.coordsAtPos(head).left;
    // Past the first or last line, up and down go to the start or end, as in a text field.
    return lineTarget(this.view, head, direction, goalX) ?? documentEdge(state, direction);
  }

  /** The paragraph or title element holding a document position. */
  private blockAt(pos: number): HTMLElement | null {
    const { node } = this.view.domAtPos(pos);
    const element = node instanceof HTMLElement ? node : node.parentElement;
    return element?.closest<HTMLElement>('p, h1') ?? null;
  }

  private isRightToLeftAt(pos: number): boolean {
    return this.blockAt(pos)?.matches(':dir(rtl)') ?? false;
  }

  /**
   * Put the page's selection where the editor's is, when the article has the focus but the
   * page's selection lies elsewhere (the focus came by keyboard). From then on ProseMirror keeps
   * the two together, so a selection made by keys is highlighted like one made by the mouse.
   */
  private ownDomSelection(): void {
    const { view } = this;
    const page = view.dom.ownerDocument;
    const shown = page.getSelection();
    if (!shown || page.activeElement !== view.dom || (shown.anchorNode && view.dom.contains(shown.anchorNode))) return;
    const { anchor, head } = view.state.selection;
    const from = view.domAtPos(anchor);
    const to = view.domAtPos(head);
    shown.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
    view.dispatch(withFocus(view.state.tr, true));
  }

  private notifySelection(): void {
    const id = highlightState(this.view.state).selectedId;
    if (id === this.selectedId) return;
    this.selectedId = id;
    this.events.onSelectedSpanChange(id);
  }
}

/** No document: not even an empty line, so the view's element is empty until one is loaded. */
function emptyState(): EditorState {
  const doc = articleSchema.nodes.doc.create();
  const highlights = highlightsPlugin({ positions: createPositionMap(''), labels: [], spans: [] });
  return EditorState.create({ doc, plugins: [highlights, caretPlugin()] });
}

/**
 * Select the span under a click (the innermost, or the next one out when a span there is
 * already selected) and put the caret at the click. False when no span is under it.
 */
function selectSpanUnder(view: EditorView, pos: number, event: MouseEvent): boolean {
  const next = spanToSelect(highlightState(view.state), spanIdsAround(event.target, view.dom));
  if (next === null) return false;
  view.dispatch(selectSpan(view.state.tr.setSelection(caretAt(view, pos)), next));
  return true;
}

/** A caret at the clicked position, or the nearest text to it when the click was between lines. */
function caretAt(view: EditorView, pos: number): Selection {
  return Selection.near(view.state.doc.resolve(pos));
}

/** The ids of the spans drawn around a clicked element, innermost element first. */
function spanIdsAround(target: EventTarget | null, root: HTMLElement): string[] {
  const ids: string[] = [];
  let element = target instanceof Element ? target.closest('[data-span-id]') : null;
  while (element && root.contains(element) && element !== root) {
    const id = element.getAttribute('data-span-id');
    if (id) ids.push(id);
    element = element.parentElement?.closest('[data-span-id]') ?? null;
  }
  return ids;
}
