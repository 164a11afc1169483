import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, TextSelection } from 'prosemirror-state';
import { createArticleDoc } from './article';
import { DRAW_ALL_BLOCKS, blocksMeeting, distantBlocksKey, distantBlocksPlugin, distantBlocksState } from './distantBlocks';
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

/** The document position where block `index` starts. */
function blockStart(state: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return pos;
}

describe('distantBlocksPlugin', () => {
  it('leaves a short article alone: every block is drawn as usual, no node views', () => {
    const state = stateOf(article(DRAW_ALL_BLOCKS));
    expect(distantBlocksState(state).lazy).toBe(false);
    expect(distantBlocksState(state).decorations.find()).toEqual([]);
    expect(distantBlocksKey.get(state)!.props.nodeViews).toBeUndefined();
  });

  it('draws at first only the blocks of the first screen window and the selection', () => {
    const state = stateOf(article(2_000));
    const { lazy, drawn } = distantBlocksState(state);
    expect(lazy).toBe(true);
    expect(drawn.has(0)).toBe(true);
    expect(drawn.size).toBeGreaterThan(10);
    expect(drawn.size).toBeLessThan(400);
    expect(drawn.has(1_999)).toBe(false);
  });

  it('draws the blocks the window moves over, and keeps those drawn before', () => {
    let state = stateOf(article(2_000));
    const before = distantBlocksState(state).drawn;
    state = state.apply(moveWindow(state.tr, { from: blockStart(state, 1_000), to: blockStart(state, 1_010) }));
    const { drawn, decorations } = distantBlocksState(state);
    for (let i = 1_000; i <= 1_010; i++) expect(drawn.has(i)).toBe(true);
    for (const index of before) expect(drawn.has(index)).toBe(true);
    expect(decorations.find().length).toBe(drawn.size);
  });

  it('draws the blocks where the selection starts and ends, not those between', () => {
    let state = stateOf(article(2_000));
    const anchor = blockStart(state, 701) + 3;
    const head = blockStart(state, 1_501) + 5;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, anchor, head)));
    const { drawn } = distantBlocksState(state);
    expect(drawn.has(701)).toBe(true);
    expect(drawn.has(1_501)).toBe(true);
    expect(drawn.has(1_100)).toBe(false);
  });

  it('gives the same state back when a transaction reaches no new block', () => {
    const state = stateOf(article(2_000));
    const next = state.apply(moveWindow(state.tr, { from: 0, to: 10 }));
    expect(distantBlocksState(next)).toBe(distantBlocksState(state));
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
        expect(blocksMeeting(state.doc, range).map((block) => block.index)).toEqual(expected);
      }),
    );
  });
});
