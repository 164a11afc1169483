/**
 * The caret of the read-only article. Browsers draw no caret in text that is not editable, yet
 * someone working by keyboard alone must see where the next selection starts: this plugin draws
 * one, as a widget at the selection's head, while the selection is empty and the view has the
 * focus. Its state is whether the view has the focus.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

export const caretKey = new PluginKey<boolean>('spanwise-caret');

/** The plugin; `focused` is whether the view has the focus when the state is made. */
export function caretPlugin(focused = false): Plugin<boolean> {
  return new Plugin<boolean>({
    key: caretKey,
    state: {
      init: () => focused,
      apply: (tr, previous) => {
        const meta: boolean | undefined = tr.getMeta(caretKey);
        return meta ?? previous;
      },
    },
    props: {
      decorations: caretDecorations,
      handleDOMEvents: {
        focus: (view) => {
          view.dispatch(withFocus(view.state.tr, true));
          return false;
        },
        blur: (view) => {
          view.dispatch(withFocus(view.state.tr, false));
          return false;
        },
      },
    },
  });
}

/** A transaction that tells the caret whether the view has the focus. */
export function withFocus(tr: Transaction, focused: boolean): Transaction {
  return tr.setMeta(caretKey, focused);
}

/** The caret widget, when there is one to draw. */
export function caretDecorations(state: EditorState): DecorationSet | null {
  const { selection } = state;
  if (!caretKey.getState(state) || !selection.empty) return null;
  const caret = Decoration.widget(selection.head, caretElement, {
    // A new key for each place makes a new element, which restarts the blink: the caret is
    // always visible right after it moves.
    key: `caret:${selection.head}`,
    // After the label chips of spans starting here (their sides are negative), before the text.
    side: 0,
    ignoreSelection: true,
  });
  return DecorationSet.create(state.doc, [caret]);
}

function caretElement(): HTMLElement {
  const mark = document.createElement('span');
  mark.className = 'sw-caret-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.dataset.testid = 'caret';
  return mark;
}
