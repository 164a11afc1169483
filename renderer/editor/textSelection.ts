/** The editor's text selection in the stored text's terms: code point ranges and keyboard moves. */
import { Selection, TextSelection, type EditorState } from 'prosemirror-state';
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
 * The selection after moving its head one grapheme or one word in reading order (1 forward,
 * -1 back): with `extend` the anchor stays, as Shift+Arrow and Ctrl+Shift+Arrow do, which a
 * non-editable view does not do by itself; without it the selection becomes a caret there. A
 * character move on a selection collapses it to its end on that side, as text fields do.
 */
export function movedSelection(
  state: EditorState,
  text: string,
  positions: PositionMap,
  direction: 1 | -1,
  unit: 'grapheme' | 'word',
  extend: boolean,
): TextSelection {
  const { anchor, head, from, to, empty } = state.selection;
  if (!extend && !empty && unit === 'grapheme') return TextSelection.create(state.doc, direction === 1 ? to : from);
  const start = positions.fromPos(head);
  const offset = unit === 'word' ? nextWordBoundary(text, start, direction) : nextGraphemeBoundary(text, start, direction);
  const target = positions.toPos(offset);
  return TextSelection.create(state.doc, extend ? anchor : target, target);
}

/** The caret placed at `pos` (code point aligned), keeping the anchor when `extend`. */
export function selectionTo(state: EditorState, positions: PositionMap, pos: number, extend: boolean): TextSelection {
  const target = positions.toPos(positions.fromPos(pos));
  return TextSelection.create(state.doc, extend ? state.selection.anchor : target, target);
}

/** The first (-1) or last (1) place a caret can be in the document. */
export function documentEdge(state: EditorState, direction: 1 | -1): number {
  return (direction === 1 ? Selection.atEnd(state.doc) : Selection.atStart(state.doc)).head;
}

/** A box on screen, in viewport pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * What moving by lines needs from the view: where a position is drawn (`side` 1: as the start
 * of what follows it, so a position where a line wraps is on the lower line) and what is at a
 * point (`inside` is -1 for a point between blocks).
 */
export interface Layout {
  coordsAtPos(pos: number, side?: number): Box;
  posAtCoords(coords: { left: number; top: number }): { pos: number; inside: number } | null;
}

/** How many half-line steps a line move looks ahead for the next line (blank lines are short). */
const LINE_SEARCH_STEPS = 12;

/**
 * The position one visual line above (-1) or below (1) `head`, as near as the text allows to
 * the horizontal `goalX` (the column a run of line moves keeps to). It looks at points ever
 * further from the caret until one lies in a block on another line (the gaps between blocks do
 * not count: no caret can be there); null when there is none in view that way, i.e. the caret
 * is on the first or last line.
 */
export function lineTarget(layout: Layout, head: number, direction: 1 | -1, goalX: number): number | null {
  const caret = layout.coordsAtPos(head, 1);
  const step = Math.max(4, (caret.bottom - caret.top) / 2);
  for (let i = 1; i <= LINE_SEARCH_STEPS; i++) {
    const top = direction === 1 ? caret.bottom + step * i : caret.top - step * i;
    const found = layout.posAtCoords({ left: goalX, top });
    if (!found || found.inside < 0 || found.pos === head) continue;
    // Line boxes may overlap (a blank line is short); their middles tell the lines apart.
    const shift = middle(layout.coordsAtPos(found.pos, 1)) - middle(caret);
    if (shift * direction > 1) return found.pos;
  }
  return null;
}

const middle = (box: Box) => (box.top + box.bottom) / 2;

/**
 * The start (-1) or end (1) of the visual line `head` is on, given the left and right edges of
 * its block: the positions at both edges, the smaller being the start whichever way the line
 * runs. Where the line wraps after a space the end is before that space: the position after it
 * is where the next line starts, and a caret there would be drawn on that line.
 */
export function lineEdgeTarget(
  layout: Layout,
  head: number,
  direction: 1 | -1,
  block: Pick<Box, 'left' | 'right'>,
  isSpaceBefore: (pos: number) => boolean,
): number {
  const caret = layout.coordsAtPos(head, 1);
  const top = middle(caret);
  const ends = [block.left + 1, block.right - 1]
    .map((left) => layout.posAtCoords({ left, top })?.pos)
    .filter((pos): pos is number => pos !== undefined);
  if (ends.length === 0) return head;
  if (direction === -1) return Math.min(...ends);
  const end = Math.max(...ends);
  const wraps = Math.abs(middle(layout.coordsAtPos(end, 1)) - top) > 1;
  return wraps && isSpaceBefore(end) ? end - 1 : end;
}
