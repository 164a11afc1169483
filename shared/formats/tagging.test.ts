import { describe, expect, it } from 'vitest';
import { exportDocument } from './__testing__/fixtures';
import { addTaggedToken, detectScheme, emptyTaggedTokens, tagDocument, tagListOf, taggingWarnings } from './tagging';

function taggedSentences(text: string, spans: Array<{ start: number; end: number; label: string }>) {
  return tagDocument(exportDocument(text, spans)).sentences.map(({ tokens, tags }) => tokens.map((token, i) => `${token.text}/${tags[i]}`).join(' '));
}

function tokensOf(...sentences: string[][]) {
  const tagged = emptyTaggedTokens();
  sentences.forEach((tags, s) => tags.forEach((tag, i) => addTaggedToken(tagged, `t${s}${i}`, tag, s * 10 + i + 1, i === 0)));
  return tagged;
}

describe('tagDocument', () => {
  it('tags IOB2 over the tokens, sentence by sentence', () => {
    expect(taggedSentences('Strikes hit Idlib. Two died.', [{ start: 12, end: 17, label: 'LOC' }, { start: 19, end: 22, label: 'CAS' }])).toEqual([
      'Strikes/O hit/O Idlib/B-LOC ./O',
      'Two/B-CAS died/O ./O',
    ]);
  });

  it('splits a token where a span starts or ends inside it', () => {
    expect(taggedSentences('pro-Assad', [{ start: 4, end: 9, label: 'ACTOR' }])).toEqual(['pro-/O Assad/B-ACTOR']);
    expect(taggedSentences('😀abc', [{ start: 1, end: 2, label: 'X' }])).toEqual(['😀/O a/B-X bc/O']);
  });

  it('joins sentences a span runs across', () => {
    expect(taggedSentences('One.\nTwo three.', [{ start: 0, end: 8, label: 'X' }])).toEqual(['One/B-X ./I-X Two/I-X three/O ./O']);
  });

  it('reports nested, empty and discontinuous spans', () => {
    const tagged = tagDocument(
      exportDocument('a b  c', [
        { start: 0, end: 3, label: 'X' },
        { start: 0, end: 1, label: 'Y' },
        { start: 3, end: 5, label: 'Z' },
        { start: 5, end: 6, label: 'W', fragments: [[5, 6]] },
      ]),
    );
    expect([tagged.nested.length, tagged.empty.length]).toEqual([1, 1]);
    expect(taggingWarnings([tagged, tagged], 'CoNLL')).toEqual({
      warnings: [
        '2 spans nested in or overlapping another span were left out: CoNLL holds one label per token (the outermost span was kept)',
        '2 spans covering only whitespace were left out',
      ],
      dropped: 4,
    });
  });
});

describe('detectScheme', () => {
  it.each([
    [[['B-X', 'I-X', 'O']], 'iob2'],
    [[['I-X', 'I-X', 'B-X', 'O', 'I-Y']], 'iob1'],
    [[['B-X', 'O', 'I-X']], 'iob2'],
    [[['O'], ['I-X']], 'iob1'],
    [[['S-X']], 'bioes'],
    [[['U-X']], 'bioes'],
    [[['O', 'O']], 'iob2'],
  ])('%j → %s', (sentences, scheme) => {
    expect(detectScheme([tokensOf(...sentences)])).toBe(scheme);
  });
});

describe('tagListOf', () => {
  it('lists O, then B- and I- of each label', () => {
    expect(tagListOf(['ACTOR', 'DATE'])).toEqual(['O', 'B-ACTOR', 'I-ACTOR', 'B-DATE', 'I-DATE']);
  });
});
