/**
 * The article on screen: a read-only ProseMirror view of one document with its span highlights.
 * It speaks code points to the rest of the app and keeps ProseMirror positions to itself.
 */
import { EditorState, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { createPositionMap, type PositionMap } from '../../shared/offsets';
import type { TextRange } from '../../shared/search';
import type { LabelDef } from '../../shared/types';
import type { CaretUnit } from '../app/keys';
import { createArticleDoc } from './article';
import { caretPlugin, withFocus } from './caret';
import { distantBlocksPlugin } from './distantBlocks';
import { changeFindMarks, findMarksPlugin, findMarksState } from './findMarks';
import { articleSchema } from './schema';
import { screenWindowPlugin } from './viewport';
import { highlightState, highlightsPlugin, selectSpan, showSpans, spanToSelect, type ShownSpan } from './highlights';
import { changeSuggestionMarks, suggestionKeyAt, suggestionMarksPlugin, suggestionMarksState, type ShownSuggestion } from './suggestionMarks';
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
  /**
   * Show these spans instead of the ones on show; with `outline`, also outline that span and
   * drop the text selection (a span just tagged), in the same redraw.
   */
  show(spans: readonly ShownSpan[], outline?: string): void;
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
  /** A suggestion was clicked (which accepts it). */
  onSuggestionClick?(key: string): void;
  /** A document (`text`, empty for none) was loaded afresh, which drops the suggestions and matches drawn. */
  onDocumentShown?(text: string): void;
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
  /** True while a mouse button pressed in the article is down, as when a selection is dragged. */
  private pointerDown = false;
  /** Suggestions that came while the mouse was down, drawn once it is up. */
  private deferredSuggestions: readonly ShownSuggestion[] | null = null;

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
        const suggestion = suggestionUnder(event.target);
        if (suggestion !== null && this.events.onSuggestionClick) {
          this.events.onSuggestionClick(suggestion);
          return true;
        }
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
    this.view.dom.addEventListener('mousedown', this.onPointerDown);
  }

  load(text: string, title: string, spans: readonly ShownSpan[], labels: readonly LabelDef[]): void {
    this.text = text;
    this.positions = createPositionMap(text);
    const doc = createArticleDoc(text, title);
    const plugin = highlightsPlugin({ positions: this.positions, labels, spans });
    const plugins = [screenWindowPlugin(), distantBlocksPlugin(doc), plugin, caretPlugin(this.view.hasFocus()), ...overlayPlugins(this.positions, labels)];
    this.view.updateState(EditorState.create({ doc, plugins }));
    this.goalX = null;
    this.deferredSuggestions = null;
    this.notifySelection();
    this.events.onDocumentShown?.(text);
  }

  clear(): void {
    this.text = '';
    this.positions = createPositionMap('');
    this.view.updateState(emptyState());
    this.deferredSuggestions = null;
    this.notifySelection();
    this.events.onDocumentShown?.('');
  }

  show(spans: readonly ShownSpan[], outline?: string): void {
    const tr = showSpans(this.view.state.tr, spans);
    if (outline === undefined) return this.dispatch(tr);
    this.dispatch(selectSpan(collapsed(tr), outline));
    this.collapseShownSelection();
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
    if (this.view.state.selection.empty) return;
    this.dispatch(collapsed(this.view.state.tr));
    this.collapseShownSelection();
  }

  caretOffset(): number {
    return this.positions.fromPos(this.view.state.selection.head);
  }

  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean): void {
    if (!this.view.hasFocus()) this.focus();
    const head = this.view.state.selection.head;
    const goalX = unit === 'line' ? (this.goalX ?? this.view.coordsAtPos(head, 1).left) : null;
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
    if (!this.view.hasFocus()) this.focus();
    const caret = TextSelection.create(this.view.state.doc, this.positions.toPos(span.start));
    this.dispatch(selectSpan(this.view.state.tr.setSelection(caret), id).scrollIntoView());
    this.ownDomSelection();
  }

  showSuggestions(suggestions: readonly ShownSuggestion[]): void {
    // Redrawing the text under a selection being dragged would drop that selection.
    if (this.pointerDown) {
      this.deferredSuggestions = suggestions;
      return;
    }
    // Suggestions arrive at any time; a redraw puts the editor's selection back on the page, so
    // one the mouse has just made must be in the editor's state first.
    if (this.view.hasFocus()) this.takeDomSelection();
    this.dispatch(changeSuggestionMarks(this.view.state.tr, { suggestions }));
  }

  /** Outline a suggestion (dropping the span selection, as the two share Enter and Delete) and scroll to it. */
  focusSuggestion(key: string | null): void {
    const before = suggestionMarksState(this.view.state).focusedKey;
    const tr = changeSuggestionMarks(this.view.state.tr, { focusedKey: key });
    this.dispatch(key === null ? tr : selectSpan(tr, null));
    if (key === null || key === before) return;
    const suggestion = suggestionMarksState(this.view.state).suggestions.get(key);
    this.scrollToDrawn(`.sw-suggestion[data-suggestion-key="${CSS.escape(key)}"]`, suggestion?.start);
  }

  setSuggestionsVisible(visible: boolean): void {
    this.dispatch(changeSuggestionMarks(this.view.state.tr, { visible }));
  }

  showMatches(matches: readonly TextRange[], current: number): void {
    this.dispatch(changeFindMarks(this.view.state.tr, { matches, current }));
  }

  showCurrentMatch(index: number): void {
    this.dispatch(changeFindMarks(this.view.state.tr, { current: index }));
    this.scrollToDrawn('.sw-find-current', findMarksState(this.view.state).matches[index]?.start);
  }

  revealRange(range: TextRange): void {
    if (!this.view.hasFocus()) this.focus();
    const { doc } = this.view.state;
    const selection = TextSelection.create(doc, this.positions.toPos(range.start), this.positions.toPos(range.end));
    this.dispatch(selectSpan(this.view.state.tr.setSelection(selection), null).scrollIntoView());
    this.ownDomSelection();
  }

  focus(): void {
    if (this.view.hasFocus()) return;
    // EditorView.focus() only focuses editable views; this one takes focus through its tabindex.
    this.view.dom.focus({ preventScroll: true });
    this.ownDomSelection();
  }

  destroy(): void {
    this.view.dom.removeEventListener('mousedown', this.onPointerDown);
    this.view.destroy();
  }

  private onPointerDown = (): void => {
    this.pointerDown = true;
    this.view.dom.ownerDocument.addEventListener('mouseup', this.onPointerUp, { once: true, capture: true });
  };

  private onPointerUp = (): void => {
    setTimeout(() => {
      this.pointerDown = false;
      const deferred = this.deferredSuggestions;
      this.deferredSuggestions = null;
      if (deferred && !this.view.isDestroyed) this.showSuggestions(deferred);
    }, 0);
  };

  /** Unfocused, the view leaves the page's selection alone; its highlight must not stay on screen. */
  private collapseShownSelection(): void {
    const shown = this.view.dom.ownerDocument.getSelection();
    if (shown && shown.rangeCount > 0 && !shown.isCollapsed && this.view.dom.contains(shown.anchorNode)) shown.collapseToEnd();
  }

  /** Take the page's selection in the article into the editor's state, if it has not done so yet. */
  private takeDomSelection(): void {
    const shown = this.view.dom.ownerDocument.getSelection();
    const { anchorNode, focusNode } = shown ?? {};
    if (!shown || !anchorNode || !focusNode || !this.view.dom.contains(anchorNode) || !this.view.dom.contains(focusNode)) return;
    let anchor: number;
    let head: number;
    try {
      anchor = this.view.posAtDOM(anchorNode, shown.anchorOffset);
      head = this.view.posAtDOM(focusNode, shown.focusOffset);
    } catch {
      // Inside a widget (a label chip): no text position to take.
      return;
    }
    const { state } = this.view;
    if (state.selection.anchor === anchor && state.selection.head === head) return;
    this.dispatch(state.tr.setSelection(TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head))));
  }

  /**
   * Scroll a drawn decoration into view, without moving the selection. One beyond the screen
   * window (or in a paragraph not drawn yet) is not on the page: then the paragraph holding code
   * point `start` is scrolled to the middle of the screen, where the decoration gets drawn.
   */
  private scrollToDrawn(selector: string, start: number | undefined): void {
    const drawn = this.view.dom.querySelector(selector);
    if (drawn) drawn.scrollIntoView({ block: 'nearest' });
    else if (start !== undefined) this.blockAt(this.positions.toPos(start))?.scrollIntoView({ block: 'center' });
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
      const isSpaceBefore = (pos: number) => /\s/u.test(state.doc.textBetween(Math.max(0, pos - 1), pos));
      return block ? lineEdgeTarget(this.view, head, direction, block.getBoundingClientRect(), isSpaceBefore) : head;
    }
    // The line looked for must be on screen, where positions can be found by their coordinates.
    this.view.dispatch(state.tr.scrollIntoView());
    const goalX = this.goalX ?? this.view.coordsAtPos(head, 1).left;
    // Past the first or last line, up and down go to the start or end, as in a text field.
    return lineTarget(this.view, head, direction, goalX) ?? documentEdge(state, direction);
  }

  /** The paragraph or title element holding a document position. */
  private blockAt(pos: number): HTMLElement | null {
    const $pos = this.view.state.doc.resolve(pos);
    const block = this.view.nodeDOM($pos.depth > 0 ? $pos.before(1) : pos);
    return block instanceof HTMLElement ? block : null;
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
  return EditorState.create({ doc, plugins: [screenWindowPlugin(), highlights, caretPlugin(), ...overlayPlugins(createPositionMap(''), [])] });
}

/** `tr` with its selection collapsed to its end. */
function collapsed(tr: Transaction): Transaction {
  return tr.selection.empty ? tr : tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
}

/** What is drawn over the text besides the spans: suggestions and find matches. */
function overlayPlugins(positions: PositionMap, labels: readonly LabelDef[]) {
  return [suggestionMarksPlugin({ positions, labels }), findMarksPlugin(positions)];
}

/** The suggestion a click landed in, unless it also landed in a span: clicking a span selects it. */
function suggestionUnder(target: EventTarget | null): string | null {
  if (!(target instanceof Element) || target.closest('[data-span-id]')) return null;
  return suggestionKeyAt(target);
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
