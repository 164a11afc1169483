import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createPositionMap } from '../../shared/offsets';
import { createArticleDoc, hasTitleLine } from './article';
import { articleSchema } from './schema';

const { doc, title, paragraph } = articleSchema.nodes;
const text = (value: string) => (value ? articleSchema.text(value) : null);
const p = (value: string) => paragraph.create(null, text(value));
const h = (value: string) => title.create(null, text(value));

describe('createArticleDoc', () => {
  it('makes one paragraph per line, empty lines included', () => {
    expect(createArticleDoc('One\n\nTwo', 'Elsewhere').eq(doc.create(null, [p('One'), p(''), p('Two')]))).toBe(true);
  });

  it('makes the first line the title when it is the title', () => {
    expect(createArticleDoc('Airstrikes hit Idlib\nText', 'Airstrikes hit Idlib').eq(doc.create(null, [h('Airstrikes hit Idlib'), p('Text')]))).toBe(true);
  });

  it('keeps a first line that differs from the title a paragraph', () => {
    expect(createArticleDoc('Dateline\nText', 'Airstrikes').firstChild?.type).toBe(paragraph);
    expect(createArticleDoc('', '').eq(doc.create(null, [p('')]))).toBe(true);
  });

  it('produces a doc whose text between blocks is the article text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\n/g, ' ')), { minLength: 1, maxLength: 8 }), (lines) => {
        const article = lines.join('\n');
        const built = createArticleDoc(article, lines[0]!);
        expect(built.childCount).toBe(lines.length);
        expect(built.textBetween(0, built.content.size, '\n')).toBe(article);
      }),
    );
  });

  it('holds the position formula of shared/offsets for every code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('\n', 'x', '😀', 'é'), (body, extra) => {
        const article = `${body}\n${extra}${body}\n\n${extra}`;
        const built = createArticleDoc(article, body);
        const positions = createPositionMap(article);
        expect(built.content.size).toBe(positions.documentSize);
        const codePoints = [...article];
        for (let cp = 0; cp < codePoints.length; cp++) {
          const pos = positions.toPos(cp);
          if (codePoints[cp] === '\n') continue;
          expect(built.textBetween(pos, pos + codePoints[cp]!.length)).toBe(codePoints[cp]);
        }
      }),
    );
  });
});

describe('hasTitleLine', () => {
  it('compares the first line with the title, ignoring surrounding blanks', () => {
    expect(hasTitleLine('  Title \nbody', 'Title')).toBe(true);
    expect(hasTitleLine('Title', 'Title')).toBe(true);
    expect(hasTitleLine('Title here\nbody', 'Title')).toBe(false);
    expect(hasTitleLine('\nbody', '')).toBe(false);
  });
});
