/** Building the editor's document from an article's stored text. */
import type { Node } from 'prosemirror-model';
import { drawnUntil } from './distantBlocks';
import { articleSchema } from './schema';

/**
 * The ProseMirror document of `text`: one textblock per `\n`-separated line, the first one a
 * title heading when it is exactly `title`. Empty lines become empty paragraphs. In a long
 * article, paragraphs beyond the first screenfuls start out waiting to be drawn.
 */
export function createArticleDoc(text: string, title: string): Node {
  const lines = text.split('\n');
  const drawnBefore = drawnUntil(lines.length);
  let pos = 0;
  const blocks = lines.map((line, index) => {
    const content = line ? articleSchema.text(line) : null;
    const block =
      index === 0 && hasTitleLine(text, title)
        ? articleSchema.nodes.title.create(null, content)
        : articleSchema.nodes.paragraph.create(pos < drawnBefore ? null : { drawn: false }, content);
    pos += block.nodeSize;
    return block;
  });
  return articleSchema.nodes.doc.create(null, blocks);
}

/** Whether the article's first line is its title, so the editor shows it as the heading. */
export function hasTitleLine(text: string, title: string): boolean {
  const end = text.indexOf('\n');
  const firstLine = end === -1 ? text : text.slice(0, end);
  return title.trim() !== '' && firstLine.trim() === title.trim();
}
