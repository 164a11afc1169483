/**
 * The article on screen: a read-only ProseMirror view of one document with its span highlights.
 * It speaks code points to the rest of the app and keeps ProseMirror positions to itself.
 */
import { EditorState, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { createPositionMap, type PositionMap } from '../../shared/offsets';
import type { LabelDef } from '../../shared/types';
import { createArticleDoc } from './article';
import { articleSchema } from './schema';
import { highlightState, highlightsPlugin, selectSpan, showSpans, spanToSelect, type ShownSpan } from './highlights';
import { extendedSelection, selectedRange, type CodePointRange } from './textSelection';

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
}

export interface ArticleViewEvents {
  /** The outlined span changed, by a click, a key or an edit. */
  onSelectedSpanChange(id: string | null): void;
}

/** The ProseMirror view of the article; made once, then given new documents and spans. */
export class ArticleView implements SpanDisplay {
  private readonly view: EditorView;
  private text = '';
  private positions: PositionMap = createPositionMap('');
  private selectedId: string | null = null;

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
    this.view.updateState(EditorState.create({ doc: createArticleDoc(text, title), plugins: [plugin] }));
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

  /** Move the selection's head one grapheme or word, as Shift+Arrow would in an editable text. */
  extendSelection(direction: 1 | -1, unit: 'grapheme' | 'word'): void {
    const selection = extendedSelection(this.view.state, this.text, this.positions, direction, unit);
    this.dispatch(this.view.state.tr.setSelection(selection).scrollIntoView());
  }

  focus(): void {
    // EditorView.focus() only focuses editable views; this one takes focus through its tabindex.
    this.view.dom.focus({ preventScroll: true });
  }

  destroy(): void {
    this.view.destroy();
  }

  private dispatch(tr: Transaction): void {
    this.view.updateState(this.view.state.apply(tr));
    this.notifySelection();
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
  return EditorState.create({ doc, plugins: [highlightsPlugin({ positions: createPositionMap(''), labels: [], spans: [] })] });
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
