import { describe, expect, it } from 'vitest';
import { exportDocument } from './__testing__/fixtures';
import { parseConll, serializeConll } from './conll';
import type { ParseResult } from './model';

const lines = (...rows: string[]) => rows.map((row) => `${row}\n`).join('');

function spansOf(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.documents.map((doc) => ({ text: doc.text, spans: doc.spans.map((span) => `${span.label}: ${[...doc.text].slice(span.start, span.end).join('')}`) }));
}

describe('parseConll', () => {
  it('reads CoNLL-2003 columns, documents and sentences (IOB2 detected)', () => {
    const content = lines(
      '-DOCSTART- -X- -X- O',
      '',
      'Russian JJ B-NP B-NORP',
      'jets NNS I-NP O',
      'hit VBD B-VP O',
      'Idlib NNP B-NP B-GPE',
      '. . O O',
      '',
      'Pro-Assad JJ B-NP B-ORG',
      'forces NNS I-NP I-ORG',
      'withdrew VBD B-VP O',
      '',
      '-DOCSTART- -X- -X- O',
      '',
      'Aleppo\tB-GPE',
    );
    const result = parseConll(content, 'train.conll');
    expect(spansOf(result)).toEqual([
      { text: 'Russian jets hit Idlib .\nPro-Assad forces withdrew', spans: ['NORP: Russian', 'GPE: Idlib', 'ORG: Pro-Assad forces'] },
      { text: 'Aleppo', spans: ['GPE: Aleppo'] },
    ]);
    expect(result.ok && result.warnings).toEqual(['tags read as IOB2']);
  });

  it('reads IOB1, where I- starts a chunk and B- only splits two of one label', () => {
    const result = parseConll(lines('Hama I-LOC', 'Idlib B-LOC', 'and O', 'Latakia I-LOC', 'provinces I-LOC', 'Assad I-PER'), 'a.conll');
    expect(spansOf(result)[0].spans).toEqual(['LOC: Hama', 'LOC: Idlib', 'LOC: Latakia provinces', 'PER: Assad']);
    expect(result.ok && result.warnings).toEqual(['tags read as IOB1']);
  });

  it('reads BIOES and BILOU', () => {
    const result = parseConll(lines('Al B-LOC', 'Bab E-LOC', 'and O', 'Idlib S-LOC', 'Jisr B-LOC', 'al I-LOC', 'Shughur L-LOC', 'Assad U-PER'), 'a.conll');
    expect(spansOf(result)[0].spans).toEqual(['LOC: Al Bab', 'LOC: Idlib', 'LOC: Jisr al Shughur', 'PER: Assad']);
  });

  it.each([
    ['I- after O in IOB2', lines('Idlib B-LOC', 'hit O', 'Hama I-LOC'), {}, 3, /tag "I-LOC" after O: a LOC chunk must start with B-LOC/],
    ['I-X after B-Y', lines('Idlib B-LOC', 'forces I-ORG'), {}, 2, /tag "I-ORG" after B-LOC/],
    ['I- at the start of a sentence in IOB2', lines('Idlib B-LOC', '', 'forces I-ORG'), { scheme: 'iob2' as const }, 3, /after the start of a sentence/],
    ['an unknown tag shape', lines('Idlib LOCATION'), {}, 1, /unknown tag "LOCATION"/],
    ['a line without a tag', lines('Idlib B-LOC', 'hit'), {}, 2, /"hit" has a token but no tag/],
    ['a BIOES chunk left open', lines('Al B-LOC', 'Bab I-LOC', '', 'x S-LOC'), {}, 2, /not closed with E-LOC/],
    ['a BIOES chunk followed by O', lines('Al B-LOC', 'Bab O', 'x S-LOC'), {}, 2, /tag "O" after B-LOC: the LOC chunk is not closed/],
    ['an E- tag in IOB2', lines('Al B-LOC', 'Bab E-LOC'), { scheme: 'iob2' as const }, 2, /belongs to BIOES/],
    ['no tokens at all', lines('-DOCSTART- -X- O O', ''), {}, undefined, /holds no tokens/],
  ])('refuses %s, naming the line', (_, content, options, line, message) => {
    const result = parseConll(content, 'train.conll', options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ file: 'train.conll', ...(line !== undefined && { line }), message: expect.stringMatching(message) });
  });
});

describe('serializeConll', () => {
  it('writes IOB2, splitting tokens where a span ends inside one', () => {
    const text = 'pro-Assad forces shelled Idlib.';
    const { files, dropped } = serializeConll([exportDocument(text, [{ start: 4, end: 16, label: 'ACTOR' }, { start: 25, end: 30, label: 'LOCATION' }])]);
    expect(files).toEqual([
      { name: 'documents.conll', content: lines('-DOCSTART- -X- O O', '', 'pro- O', 'Assad B-ACTOR', 'forces I-ACTOR', 'shelled O', 'Idlib B-LOCATION', '. O') },
    ]);
    expect(dropped).toBe(0);
  });

  it('keeps a span that crosses a sentence end in one sentence', () => {
    const text = 'They met Dr. Ali. Then Mr. Omar left. Later.';
    const { files } = serializeConll([exportDocument(text, [{ start: 13, end: 22, label: 'X' }])]);
    expect(files[0].content.split('\n\n')).toHaveLength(3);
  });

  it('separates documents with -DOCSTART-', () => {
    const { files } = serializeConll([exportDocument('One.', []), exportDocument('Two.', [])]);
    expect(files[0].content).toBe(lines('-DOCSTART- -X- O O', '', 'One O', '. O', '', '-DOCSTART- -X- O O', '', 'Two O', '. O'));
    expect(spansOf(parseConll(files[0].content, 'x.conll')).map((doc) => doc.text)).toEqual(['One .', 'Two .']);
  });

  it('counts spans covering only whitespace', () => {
    const result = serializeConll([exportDocument('a   b', [{ start: 1, end: 4, label: 'X' }])]);
    expect(result.dropped).toBe(1);
    expect(result.warnings).toEqual(['1 span covering only whitespace was left out']);
  });
});
