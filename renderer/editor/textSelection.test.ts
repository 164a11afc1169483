import { describe, it, expect } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { createPositionMap } from '../../shared/offsets';
import { createArticleDoc } from './article';
import { lineEdgeTarget, lineTarget, movedSelection, selectedRange, selectionTo, documentEdge, type Layout } from './textSelection';

const TEXT = 'Title\nRussian jets 🇸🇾 hit Kafr Awayd.\nNext line';
const positions = createPositionMap(TEXT);
const doc = createArticleDoc(TEXT, 'Title');
const at = (anchor: number, head = anchor) =>
  EditorState.create({ doc, selection: TextSelection.create(doc, positions.toPos(anchor), positions.toPos(head)) });
const offsetOf = (words: string) => [...TEXT.slice(0, TEXT.indexOf(words))].length;

/** The text between a selection's ends, in document order. */
const covered = (selection: TextSelection) => doc.textBetween(selection.from, selection.to, '\n');

describe('selectedRange', () => {
  it('is the selection in code points, whichever way it was made', () => {
    const start = offsetOf('hit');
    expect(selectedRange(at(start, start + 3).selection, positions)).toEqual({ start, end: start + 3 });
    expect(selectedRange(at(start + 3, start).selection, positions)).toEqual({ start, end: start + 3 });
  });

  it('is null for a caret', () => {
    expect(selectedRange(at(3).selection, positions)).toBeNull();
  });

  it('counts an emoji flag as the code points it holds', () => {
    const flag = offsetOf('🇸🇾');
    expect(selectedRange(at(flag, flag + 6).selection, positions)).toEqual({ start: flag, end: flag + 6 });
    expect([...TEXT].slice(flag, flag + 6).join('')).toBe('🇸🇾 hit');
  });
});

const extended = (state: EditorState, direction: 1 | -1, unit: 'grapheme' | 'word') => movedSelection(state, TEXT, positions, direction, unit, true);

describe('movedSelection', () => {
  it('extends the head by a grapheme, keeping a flag whole', () => {
    const flag = offsetOf('🇸🇾');
    expect(covered(extended(at(flag), 1, 'grapheme'))).toBe('🇸🇾');
    expect(covered(extended(at(flag + 2), -1, 'grapheme'))).toBe('🇸🇾');
  });

  it('extends the head by a word and keeps the anchor', () => {
    const start = offsetOf('Kafr');
    const once = extended(at(start), 1, 'word');
    expect(covered(once)).toBe('Kafr');
    const state = at(start).apply(at(start).tr.setSelection(once));
    expect(covered(extended(state, 1, 'word'))).toBe('Kafr Awayd');
    expect(covered(extended(at(start), -1, 'word'))).toBe('hit ');
  });

  it('crosses a line end into the next line', () => {
    const end = offsetOf('\nNext');
    expect(covered(extended(at(end), 1, 'grapheme'))).toBe('\n');
    expect(covered(extended(at(end), 1, 'word'))).toBe('\nNext');
  });

  it('moves a caret without extending', () => {
    const start = offsetOf('Kafr');
    const moved = movedSelection(at(start), TEXT, positions, 1, 'word', false);
    expect(moved.empty).toBe(true);
    expect(positions.fromPos(moved.head)).toBe(offsetOf(' Awayd'));
    const back = movedSelection(at(start), TEXT, positions, -1, 'grapheme', false);
    expect(positions.fromPos(back.head)).toBe(start - 1);
  });

  it('collapses a selection to its end on the side of a character move', () => {
    const start = offsetOf('hit');
    const selection = at(start, start + 3);
    expect(positions.fromPos(movedSelection(selection, TEXT, positions, 1, 'grapheme', false).head)).toBe(start + 3);
    expect(positions.fromPos(movedSelection(selection, TEXT, positions, -1, 'grapheme', false).head)).toBe(start);
  });
});

describe('selectionTo and documentEdge', () => {
  it('places the caret on a code point boundary, keeping the anchor when extending', () => {
    const start = offsetOf('hit');
    const flagInside = positions.toPos(offsetOf('🇸🇾')) + 1;
    expect(positions.fromPos(selectionTo(at(start), positions, flagInside, false).head)).toBe(offsetOf('🇸🇾'));
    const extendedTo = selectionTo(at(start), positions, positions.toPos(start + 3), true);
    expect(covered(extendedTo)).toBe('hit');
  });

  it('finds the first and last caret places', () => {
    expect(positions.fromPos(documentEdge(at(5), -1))).toBe(0);
    expect(positions.fromPos(documentEdge(at(5), 1))).toBe([...TEXT].length);
  });
});

/**
 * A layout of fixed-width lines, as a browser would draw them: every position 10 px wide,
 * lines 20 px apart with 14 px glyphs; `lines[i]` holds the positions of line i, left to right.
 */
function gridLayout(lines: number[][]): Layout {
  const lineOf = (pos: number) => lines.findIndex((line) => line.includes(pos));
  return {
    coordsAtPos(pos) {
      const line = lineOf(pos);
      const left = lines[line]!.indexOf(pos) * 10;
      return { left, right: left, top: line * 20 + 3, bottom: line * 20 + 17 };
    },
    posAtCoords({ left, top }) {
      const line = lines[Math.floor(top / 20)];
      if (!line || top < 0) return null;
      const column = Math.min(line.length - 1, Math.max(0, Math.round(left / 10)));
      return { pos: line[column]!, inside: 0 };
    },
  };
}

describe('lineTarget', () => {
  // Three lines; the middle one is short (a blank line's worth).
  const layout = gridLayout([
    [1, 2, 3, 4, 5, 6],
    [8, 9],
    [11, 12, 13, 14, 15, 16, 17],
  ]);

  it('goes to the nearest position on the line below or above, keeping the column', () => {
    expect(lineTarget(layout, 4, 1, 30)).toBe(9);
    expect(lineTarget(layout, 9, 1, 30)).toBe(14);
    expect(lineTarget(layout, 14, -1, 30)).toBe(9);
    expect(lineTarget(layout, 9, -1, 30)).toBe(4);
  });

  it('passes over the gaps between blocks, where no caret can be', () => {
    const gappy = gridLayout([[1, 2, 3], [4, 5, 6]]);
    const between: Layout = {
      coordsAtPos: gappy.coordsAtPos,
      // The first half of each line's band is a gap between blocks.
      posAtCoords: (coords) => {
        const found = gappy.posAtCoords(coords);
        return found && coords.top % 20 < 8 ? { pos: 3, inside: -1 } : found;
      },
    };
    expect(lineTarget(between, 2, 1, 10)).toBe(5);
  });

  it('is null on the first line going up and on the last going down', () => {
    expect(lineTarget(layout, 3, -1, 20)).toBeNull();
    expect(lineTarget(layout, 15, 1, 40)).toBeNull();
  });
});

describe('lineEdgeTarget', () => {
  const layout = gridLayout([[1, 2, 3, 4, 5, 6], [7, 8, 9]]);
  const block = { left: 0, right: 60 };
  const noSpace = () => false;

  it('finds the start and end of the line the caret is on', () => {
    expect(lineEdgeTarget(layout, 3, -1, block, noSpace)).toBe(1);
    expect(lineEdgeTarget(layout, 3, 1, block, noSpace)).toBe(6);
    expect(lineEdgeTarget(layout, 8, 1, block, noSpace)).toBe(9);
  });

  it('takes the smaller position as the start when the line runs right to left', () => {
    const rtl = gridLayout([[6, 5, 4, 3, 2, 1]]);
    expect(lineEdgeTarget(rtl, 3, -1, block, noSpace)).toBe(1);
    expect(lineEdgeTarget(rtl, 3, 1, block, noSpace)).toBe(6);
  });

  it('ends a line that wraps after a space before the space, so the caret stays on it', () => {
    // Position 7 ends line one and starts line two: as the browser reports it, it is on line two.
    const wrapped = gridLayout([[1, 2, 3, 4, 5, 6, 7], [7, 8, 9]]);
    const onLineTwo: Layout = {
      posAtCoords: wrapped.posAtCoords,
      coordsAtPos: (pos) => (pos === 7 ? { left: 0, right: 0, top: 23, bottom: 37 } : wrapped.coordsAtPos(pos)),
    };
    expect(lineEdgeTarget(onLineTwo, 3, 1, { left: 0, right: 70 }, (pos) => pos === 7)).toBe(6);
    expect(lineEdgeTarget(onLineTwo, 3, 1, { left: 0, right: 70 }, noSpace)).toBe(7);
  });
});
