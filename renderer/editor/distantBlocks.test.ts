import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, TextSelection } from 'prosemirror-state';
import { createArticleDoc } from './article';
import { DRAW_ALL_BLOCKS, blocksMeeting, distantBlocksKey, distantBlocksPlugin } from './distantBlocks';
import { moveWindow, screenWindowPlugin } from './viewport';

/** An article of `count` lines: a title, then numbered paragraphs with a blank line every fifth. */
function article(count: number): string {
  const lines = ['Report'];
  for (let i = 1; i < count; i++) lines.push(i % 5 === 0 ? '' : `Paragraph ${i} of the report, with a few words in it.`);
  return lines.join('\n');
}

function stateOf(text: string): EditorState {
  const doc = createArticleDoc(text, 'Report');
  return EditorState.create({ doc, plugins: [screenWindowPlugin(), distantBlocksPlugin(doc)] });
}

/** The indexes of the paragraphs drawn with their text. */
function drawn(state: EditorState): Set<number> {
  const indexes = new Set<number>();
  state.doc.forEach((block, _offset, index) => {
    if (block.attrs.drawn !== false) indexes.add(index);
  });
  return indexes;
}

/** The document position where block `index` starts. */
function blockStart(state: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return pos;
}

describe('distantBlocksPlugin', () => {
  it('leaves a short article alone: every block is drawn as usual, no node views', () => {
    const state = stateOf(article(DRAW_ALL_BLOCKS));
    expect(drawn(state).size).toBe(DRAW_ALL_BLOCKS);
    expect(distantBlocksKey.get(state)!.props.nodeViews).toBeUndefined();
  });

  it('starts a long article with only the blocks of the first screen window drawn', () => {
    const state = stateOf(article(2_000));
    const first = drawn(state);
    expect(first.has(0)).toBe(true);
    expect(first.size).toBeGreaterThan(10);
    expect(first.size).toBeLessThan(400);
    expect(first.has(1_999)).toBe(false);
    expect(distantBlocksKey.get(state)!.props.nodeViews).toBeDefined();
  });

  it('draws the blocks the window moves over, keeps those drawn before, and leaves the text as it was', () => {
    let state = stateOf(article(2_000));
    const before = drawn(state);
    const text = state.doc.textContent;
    state = state.apply(moveWindow(state.tr, { from: blockStart(state, 1_000), to: blockStart(state, 1_010) }));
    const after = drawn(state);
    for (let i = 1_000; i <= 1_010; i++) expect(after.has(i)).toBe(true);
    for (const index of before) expect(after.has(index)).toBe(true);
    // The window's edges touch blocks 999 and 1,010 too.
    expect(after.size).toBe(before.size + 12);
    expect(state.doc.textContent).toBe(text);
    expect(state.doc.content.size).toBe(stateOf(article(2_000)).doc.content.size);
  });

  it('draws the blocks where the selection starts and ends, not those between', () => {
    let state = stateOf(article(2_000));
    const anchor = blockStart(state, 701) + 3;
    const head = blockStart(state, 1_501) + 5;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, anchor, head)));
    const after = drawn(state);
    expect(after.has(701)).toBe(true);
    expect(after.has(1_501)).toBe(true);
    expect(after.has(1_101)).toBe(false);
    expect([state.selection.anchor, state.selection.head]).toEqual([anchor, head]);
  });

  it('changes nothing when a transaction reaches no waiting block', () => {
    const state = stateOf(article(2_000));
    const next = state.apply(moveWindow(state.tr, { from: 0, to: 10 }));
    expect(next.doc).toBe(state.doc);
  });
});

describe('blocksMeeting', () => {
  it('agrees with looking at every block', () => {
    const state = stateOf(article(60));
    const size = state.doc.content.size;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: size }), (a, b) => {
        const range = { from: Math.min(a, b), to: Math.max(a, b) };
        const expected: number[] = [];
        state.doc.forEach((block, offset, index) => {
          if (offset <= range.to && offset + block.nodeSize >= range.from) expected.push(index);
        });
        expect(blocksMeeting(state.doc, range).map((extent) => extent.index)).toEqual(expected);
      }),
    );
  });
});
