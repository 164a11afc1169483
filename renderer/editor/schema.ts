/**
 * The editor's document schema: an article is a title heading (when the text starts with its
 * title) and one paragraph per `\n`-separated line, nothing else — no marks, no other nodes —
 * so a ProseMirror position maps to a text offset with one formula (see shared/offsets).
 */
import { Schema } from 'prosemirror-model';

export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'title? paragraph*' },
    title: {
      content: 'text*',
      // `dir="auto"` lets each line pick its own direction, so Arabic reads right to left.
      toDOM: () => ['h1', { class: 'sw-title', dir: 'auto' }, 0],
    },
    paragraph: {
      content: 'text*',
      // False while a long article's paragraph waits to be drawn (see distantBlocks.ts). Not a
      // change of the text: positions and offsets are the same either way.
      attrs: { drawn: { default: true } },
      toDOM: (node) => ['p', { class: node.content.size === 0 ? 'sw-blank' : 'sw-line', dir: 'auto' }, 0],
    },
    text: {},
  },
  marks: {},
});
