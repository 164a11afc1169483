import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../labels';
import { exportDocument } from './__testing__/fixtures';
import { parseBrat, parseBratFolder, serializeBrat, serializeBratAnn, serializeBratConfig } from './brat';
import type { ParseResult } from './model';

const TEXT = 'At least two civilians were killed in Idlib on Tuesday.';
const ann = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

function documents(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.documents;
}

describe('parseBrat', () => {
  it('reads entities, discontinuous ones, attributes and notes', () => {
    const result = parseBrat(
      ann(
        'T1\tCASUALTY 0 22\tAt least two civilians',
        'T2\tLOCATION 38 43\tIdlib',
        'T3\tACTOR 9 12;13 22\ttwo civilians',
        'A1\tkind T1 killed',
        'A2\tcount T1 2',
        'M3\tqualifier T1 at_least',
        'A4\tNegated T2',
        '#1\tAnnotatorNotes T2\tthe province, not the city',
      ),
      'a.ann',
      { text: TEXT, labels: DEFAULT_LABELS },
    );
    expect(documents(result)[0].spans).toEqual([
      { start: 0, end: 22, label: 'CASUALTY', attributes: { kind: 'killed', count: 2, qualifier: 'at least' } },
      { start: 38, end: 43, label: 'LOCATION', attributes: { Negated: 'true' }, note: 'the province, not the city' },
      { start: 9, end: 22, label: 'ACTOR', fragments: [[9, 12], [13, 22]] },
    ]);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('reads attribute values as text without a schema', () => {
    const spans = documents(parseBrat(ann('T1\tCASUALTY 0 22\tAt least two civilians', 'A1\tcount T1 2'), 'a.ann', { text: TEXT }))[0].spans;
    expect(spans[0].attributes).toEqual({ count: '2' });
  });

  it('counts what it does not import', () => {
    const result = parseBrat(
      ann(
        'T1\tACTOR 13 22\tcivilians',
        'T2\tLOCATION 38 43\tIdlib',
        'R1\tLocated Arg1:T1 Arg2:T2',
        'R2\tLocated Arg1:T1 Arg2:T2',
        'R3\tLocated Arg1:T1 Arg2:T2',
        'E1\tAttack:T1 Target:T2',
        'A1\tCertain E1',
        'N1\tReference T2 Wikidata:Q1\tIdlib',
        '*\tEquiv T1 T2',
      ),
      'a.ann',
      { text: TEXT },
    );
    expect(result.ok && result.warnings).toEqual([
      '3 relation lines (R) were not imported',
      '1 event line (E) was not imported',
      '1 normalization line (N) was not imported',
      '1 equivalence line (*) was not imported',
      '1 attribute or note line on relations or events was not imported',
    ]);
  });

  it('maps offsets counted on a CRLF text onto the normalised text', () => {
    const result = parseBrat(ann('T1\tLOCATION 10 15\tIdlib'), 'a.ann', { text: 'Shelling\r\nIdlib' });
    expect(documents(result)[0]).toEqual({ text: 'Shelling\nIdlib', meta: {}, spans: [{ start: 9, end: 14, label: 'LOCATION' }] });
  });

  it.each([
    ['offsets past the end', ann('T1\tLOCATION 38 43\tIdlib', 'T2\tDATE 47 80\tTuesday'), 2, /end offset 80 is past the end of the text \(55 characters\)/],
    ['text that does not match', ann('T1\tLOCATION 38 43\tAleppo'), 1, /T1 \(LOCATION\) says it covers "Aleppo" but the text at 38–43 is "Idlib"/],
    ['a malformed T line', ann('T1\tLOCATION 38\tIdlib'), 1, /T1 must read "T1<TAB>LABEL start end<TAB>text"/],
    ['overlapping fragments', ann('T1\tACTOR 9 20;13 22\ttwo civilia civilians'), 1, /fragments overlap/],
    ['an unknown line', ann('T1\tLOCATION 38 43\tIdlib', 'X1\tsomething'), 2, /unknown annotation "X1"/],
    ['an attribute on a missing span', ann('A1\tkind T9 killed'), 1, /A1 refers to T9, which is not in the file/],
    ['a repeated id', ann('T1\tLOCATION 38 43\tIdlib', 'T1\tLOCATION 38 43\tIdlib'), 2, /id T1 is used twice/],
    ['a malformed note', ann('T1\tLOCATION 38 43\tIdlib', '#1\tNote T1'), 2, /#1 must read/],
  ])('refuses %s, naming the .ann line', (_, content, line, message) => {
    const result = parseBrat(content, 'doc.ann', { text: TEXT });
    expect(result).toMatchObject({ ok: false, error: { file: 'doc.ann', line } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('parseBratFolder', () => {
  it('pairs .ann with .txt files, reads a lone .txt as a document without spans, passes other files over', () => {
    const result = parseBratFolder([
      { name: 'a.txt', content: TEXT },
      { name: 'a.ann', content: ann('T1\tLOCATION 38 43\tIdlib', 'R1\tx Arg1:T1 Arg2:T1') },
      { name: 'b.txt', content: 'Second article.' },
      { name: 'annotation.conf', content: '[entities]\nLOCATION\n' },
    ]);
    expect(result).toEqual({
      ok: true,
      documents: [
        { id: 'a', text: TEXT, meta: { source: 'a.txt' }, spans: [{ start: 38, end: 43, label: 'LOCATION' }] },
        { id: 'b', text: 'Second article.', meta: { source: 'b.txt' }, spans: [] },
      ],
      warnings: ['a.ann: 1 relation line (R) was not imported'],
    });
  });

  it('refuses an .ann without its .txt', () => {
    expect(parseBratFolder([{ name: 'c.ann', content: '' }])).toEqual({ ok: false, error: { file: 'c.ann', message: 'has no text file c.txt beside it' } });
  });
});

describe('serializing brat', () => {
  it('writes line breaks inside spans and notes as spaces, and warns about values it cannot keep', () => {
    const text = 'Two\ncivilians died.';
    const doc = exportDocument(text, [{ start: 0, end: 13, label: 'CASUALTY', note: 'line\nbreak', attributes: { kind: 'killed', free: 'two words', gone: null } }]);
    const { content, warnings } = serializeBratAnn(doc, DEFAULT_LABELS);
    expect(content).toBe(ann('T1\tCASUALTY 0 13\tTwo civilians', 'A1\tkind T1 killed', 'A2\tfree T1 two_words', '#1\tAnnotatorNotes T1\tline break'));
    expect(warnings).toHaveLength(2);
    expect(documents(parseBrat(content, 'a.ann', { text }))[0].spans).toEqual([
      { start: 0, end: 13, label: 'CASUALTY', attributes: { kind: 'killed', free: 'two_words' }, note: 'line break' },
    ]);
  });

  it('writes discontinuous spans as fragments', () => {
    const doc = exportDocument(TEXT, [{ start: 9, end: 22, label: 'ACTOR', fragments: [[9, 12], [13, 22]] }]);
    expect(serializeBratAnn(doc).content).toBe('T1\tACTOR 9 12;13 22\ttwo civilians\n');
  });

  it('declares every label, and each attribute once for all labels that have it', () => {
    const conf = serializeBratConfig(
      [
        { name: 'A', color: '#000000', hotkeys: [], definition: '', attributes: [{ name: 'sure', type: 'enum', values: ['yes', 'no'] }] },
        { name: 'B', color: '#000000', hotkeys: [], definition: '', attributes: [{ name: 'sure', type: 'enum', values: ['yes', 'not sure'] }] },
      ],
      ['EXTRA'],
    );
    expect(conf).toContain('[entities]\nA\nB\nEXTRA\n');
    expect(conf).toContain('sure\tArg:A|B, Value:yes|no|not_sure');
  });

  it('names files after the document ids', () => {
    const { files } = serializeBrat([exportDocument(TEXT, [], 'd-7')], DEFAULT_LABELS);
    expect(files.map((file) => file.name)).toEqual(['d-7.txt', 'd-7.ann', 'annotation.conf']);
  });
});
