import { describe, it, expect } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { createArticleDoc } from './article';
import { caretDecorations, caretPlugin, withFocus } from './caret';

const doc = createArticleDoc('Title\nShelling hit Ariha.', 'Title');
const stateAt = (anchor: number, head = anchor, focused = true) =>
  EditorState.create({ doc, plugins: [caretPlugin(focused)], selection: TextSelection.create(doc, anchor, head) });

/** Where the caret widgets are drawn. */
const carets = (state: EditorState) => caretDecorations(state)?.find().map((decoration) => decoration.from) ?? [];

describe('the caret', () => {
  it('is drawn at the head of an empty selection while the view has the focus', () => {
    expect(carets(stateAt(9))).toEqual([9]);
  });

  it('is not drawn over a selection, nor without the focus', () => {
    expect(carets(stateAt(9, 12))).toEqual([]);
    expect(carets(stateAt(9, 9, false))).toEqual([]);
  });

  it('follows the focus as transactions report it', () => {
    const state = stateAt(9, 9, false);
    const focused = state.apply(withFocus(state.tr, true));
    expect(carets(focused)).toEqual([9]);
    const moved = focused.apply(focused.tr.setSelection(TextSelection.create(doc, 11)));
    expect(carets(moved)).toEqual([11]);
    expect(carets(moved.apply(withFocus(moved.tr, false)))).toEqual([]);
  });

  it('gets a new key at each place, so the blink starts again after a move', () => {
    const keyOf = (state: EditorState) => caretDecorations(state)!.find()[0]!.spec.key;
    expect(keyOf(stateAt(9))).not.toBe(keyOf(stateAt(10)));
  });
});
