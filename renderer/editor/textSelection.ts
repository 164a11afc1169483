/** The editor's text selection in the stored text's terms: code point ranges and keyboard moves. */
import { TextSelection, type EditorState, type Selection } from 'prosemirror-state';
import type { PositionMap } from '../../shared/offsets';
import { nextGraphemeBoundary, nextWordBoundary } from '../../shared/words';

/** A stretch of the stored text, in code points, `start < end`. */
export interface CodePointRange {
  start: number;
  end: number;
}

/** The code points the selection covers, or null when it covers none. */
export function selectedRange(selection: Selection, positions: PositionMap): CodePointRange | null {
  if (selection.empty) return null;
  const start = positions.fromPos(selection.from);
  const end = positions.fromPos(selection.to);
  return start < end ? { start, end } : null;
}

/**
 * The selection with its head moved one grapheme or one word in `direction` (1 forward, -1
 * back) and its anchor kept: what Shift+Arrow and Ctrl+Shift+Arrow do, which a non-editable
 * view does not do by itself.
 */
export function extendedSelection(
  state: EditorState,
  text: string,
  positions: PositionMap,
  direction: 1 | -1,
  unit: 'grapheme' | 'word',
): TextSelection {
  const { anchor, head } = state.selection;
  const from = positions.fromPos(head);
  const to = unit === 'word' ? nextWordBoundary(text, from, direction) : nextGraphemeBoundary(text, from, direction);
  return TextSelection.create(state.doc, anchor, positions.toPos(to));
}
