import { describe, expect, it } from 'vitest';
import { Step, StepMap } from 'prosemirror-transform';
import { createArticleDoc } from './article';
import { BlocksAttrStep } from './blocksAttrStep';
import { articleSchema } from './schema';

/** A long article (past the size where paragraphs start undrawn) and where each block starts. */
function article(): { doc: ReturnType<typeof createArticleDoc>; starts: number[] } {
  const lines = ['Report', ...Array.from({ length: 600 }, (_, i) => `Paragraph ${i}: shelling hit Ariha — قصف 🚀.`)];
  const doc = createArticleDoc(lines.join('\n'), 'Report');
  const starts: number[] = [];
  doc.forEach((_block, offset) => starts.push(offset));
  return { doc, starts };
}

describe('BlocksAttrStep', () => {
  it('sets the attribute on the blocks named and keeps every other block as it was', () => {
    const { doc, starts } = article();
    const named = [starts[500]!, starts[501]!, starts[550]!];
    expect(named.map((pos) => doc.nodeAt(pos)!.attrs.drawn)).toEqual([false, false, false]);
    const result = new BlocksAttrStep('drawn', new Map(named.map((pos) => [pos, true]))).apply(doc);
    const after = result.doc!;
    expect(named.map((pos) => after.nodeAt(pos)!.attrs.drawn)).toEqual([true, true, true]);
    expect(after.textContent).toBe(doc.textContent);
    expect(after.content.size).toBe(doc.content.size);
    doc.forEach((block, offset, index) => {
      if (!named.includes(offset)) expect(after.child(index)).toBe(block);
    });
  });

  it('fails, changing nothing, where no block starts', () => {
    const { doc, starts } = article();
    const result = new BlocksAttrStep('drawn', new Map([[starts[500]! + 2, true]])).apply(doc);
    expect(result.failed).toBeTruthy();
  });

  it('is undone by its inverse, maps through other changes and survives JSON', () => {
    const { doc, starts } = article();
    const step = new BlocksAttrStep('drawn', new Map([[starts[500]!, true]]));
    const after = step.apply(doc).doc!;
    expect(step.invert(doc).apply(after).doc!.eq(doc)).toBe(true);
    expect(step.getMap()).toBe(StepMap.empty);
    // Three characters inserted before it move the block; a deleted block drops out.
    const moved = step.map(new StepMap([starts[1]! + 1, 0, 3]));
    expect(moved).toBeInstanceOf(BlocksAttrStep);
    expect([...(moved as BlocksAttrStep).values.keys()]).toEqual([starts[500]! + 3]);
    expect(step.map(new StepMap([starts[499]!, starts[502]! - starts[499]!, 0]))).toBeNull();
    const json = JSON.parse(JSON.stringify(step.toJSON()));
    const back = Step.fromJSON(articleSchema, json);
    expect(back.apply(doc).doc!.eq(after)).toBe(true);
  });
});
