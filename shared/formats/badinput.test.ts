/**
 * Bad input for every parser: each answers with a FormatError naming the file (and the line
 * where there is one), never a throw, never a hang — binary files, empty files, truncated JSON,
 * and 50 MB inputs.
 */
import { describe, expect, it } from 'vitest';
import { parseBrat, parseBratFolder } from './brat';
import { parseConll } from './conll';
import { parseHf, parseTagList } from './hf';
import { parseHtml } from './html';
import { parseJson } from './json';
import { parseJsonl } from './jsonl';
import { parseLabelStudio } from './labelstudio';
import type { ParseResult } from './model';
import { parsePlainText } from './plaintext';
import { parseSpanwise } from './spanwise';

const TEXT = 'Shelling hit Idlib on Tuesday.';

const parsers: Array<{ name: string; file: string; parse: (content: string, file: string) => ParseResult }> = [
  { name: 'plain text', file: 'article.txt', parse: parsePlainText },
  { name: 'HTML', file: 'article.html', parse: parseHtml },
  { name: 'JSONL', file: 'records.jsonl', parse: parseJsonl },
  { name: 'JSON', file: 'records.json', parse: parseJson },
  { name: 'Label Studio', file: 'tasks.json', parse: parseLabelStudio },
  { name: 'Spanwise', file: 'export.json', parse: parseSpanwise },
  { name: 'CoNLL', file: 'train.conll', parse: parseConll },
  { name: 'Hugging Face', file: 'train.jsonl', parse: (content, file) => parseHf(content, file, { tags: ['O', 'B-LOCATION', 'I-LOCATION'] }) },
  { name: 'brat (.ann)', file: 'article.ann', parse: (content, file) => parseBrat(content, file, { text: TEXT }) },
  { name: 'brat (.txt)', file: 'article.txt', parse: (content) => parseBrat('', 'article.ann', { text: content }) },
];

function expectError(result: ParseResult, file: string, message: RegExp, line?: number) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  if (file !== '') expect(result.error.file).toBe(file);
  expect(result.error.message).toMatch(message);
  if (line !== undefined) expect(result.error.line).toBe(line);
}

/** Bytes that are not text, as a caller's UTF-8 decoder hands them over. */
const BINARY = 'PK\u0003\u0004\u0014\u0000\u0008\u0000\uFFFD\uFFFD\u0000\u0000\uFFFD\uFFFD\uFFFDword/document.xml\uFFFD\uFFFD\u0000';
const LATIN1_AS_UTF8 = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '\uFFFD' : 'a')).join('');

describe('every parser refuses what is not its input, with the file named', () => {
  for (const { name, file, parse } of parsers) {
    const named = name === 'brat (.txt)' ? 'article.ann' : file;
    it(`${name}: a binary file`, () => expectError(parse(BINARY, file), named, /binary/));
    it(`${name}: bytes that were not UTF-8`, () => expectError(parse(LATIN1_AS_UTF8, file), named, /not UTF-8/));
    if (name !== 'brat (.ann)') {
      it(`${name}: an empty file`, () => expectError(parse(' \n\t\n', file), named, /empty/));
    }
  }

  it('brat: an empty .ann is a document without spans', () => {
    const result = parseBrat('', 'article.ann', { text: TEXT });
    expect(result.ok && result.documents[0].spans).toEqual([]);
  });

  it('brat folder: a binary .txt is named', () => {
    expectError(parseBratFolder([{ name: 'a.txt', content: BINARY }, { name: 'a.ann', content: '' }]), 'a.txt', /binary/);
  });
});

describe('truncated JSON names the line where it stops', () => {
  const record = JSON.stringify({ text: TEXT, label: [[13, 18, 'LOCATION']] });
  const cases: Array<{ name: string; file: string; content: string; parse: (content: string, file: string) => ParseResult; line: number }> = [
    { name: 'JSONL', file: 'a.jsonl', content: `${record}\n${record}\n${record.slice(0, 30)}`, parse: parseJsonl, line: 3 },
    { name: 'JSON', file: 'a.json', content: `[\n${record},\n${record.slice(0, 40)}`, parse: parseJson, line: 3 },
    { name: 'Label Studio', file: 'a.json', content: '[\n  {\n    "data": {\n      "text": "Shel', parse: parseLabelStudio, line: 4 },
    { name: 'Spanwise', file: 'a.json', content: '{\n  "format": "spanwise-export",\n  "version": 1,\n  "proj', parse: parseSpanwise, line: 4 },
    {
      name: 'Hugging Face',
      file: 'a.jsonl',
      content: '{"tokens": ["Idlib"], "ner_tags": [1]}\n{"tokens": ["Idl',
      parse: (content, file) => parseHf(content, file, { tags: ['O', 'B-LOCATION'] }),
      line: 2,
    },
  ];
  for (const { name, file, content, parse, line } of cases) {
    it(name, () => expectError(parse(content, file), file, /not valid JSON.*cut short/, line));
  }

  it('a tag list', () => {
    const result = parseTagList('["O", "B-ACTOR"', 'tags.json');
    expect(result).toMatchObject({ ok: false, error: { file: 'tags.json', line: 1 } });
  });
});

describe('the classic mistakes of each format', () => {
  it('brat: offsets past the end of the text, naming the .ann line', () => {
    const ann = 'T1\tLOCATION 13 18\tIdlib\nT2\tDATE 22 99\tTuesday.\n';
    expectError(parseBrat(ann, 'article.ann', { text: TEXT }), 'article.ann', /T2 fragment 1 \(DATE\): end offset 99 is past the end of the text \(30 characters\)/, 2);
  });

  it('CoNLL: I- after O in IOB2', () => {
    const conll = 'Shelling O\nhit O\nIdlib B-LOCATION\non O\nTuesday I-DATE\n';
    expectError(parseConll(conll, 'train.conll'), 'train.conll', /tag "I-DATE" after O: a DATE chunk must start with B-DATE/, 5);
  });

  it('JSONL: a span whose text does not match, naming the record line', () => {
    const lines = [JSON.stringify({ text: TEXT }), JSON.stringify({ text: TEXT, spans: [{ start: 13, end: 18, label: 'LOCATION', text: 'Aleppo' }] })];
    expectError(parseJsonl(lines.join('\n'), 'a.jsonl'), 'a.jsonl', /says it covers "Aleppo" but the text at 13–18 is "Idlib"/, 2);
  });
});

describe('50 MB inputs answer in reasonable time', () => {
  const SIZE = 50 * 1024 * 1024;
  const TIME_LIMIT_MS = 60_000;
  const repeat = (unit: string, separator = '') => `${unit}${separator}`.repeat(Math.ceil(SIZE / (unit.length + separator.length))) + unit;
  const record = JSON.stringify({ text: 'At least 16 pro-Assad troops were killed in Idlib.', label: [[0, 28, 'CASUALTY'], [44, 49, 'LOCATION']] });
  const task = JSON.stringify({
    data: { text: 'Shelling hit Idlib.' },
    annotations: [{ completed_by: 1, result: [{ id: 'a', type: 'labels', value: { start: 13, end: 18, text: 'Idlib', labels: ['LOCATION'] } }] }],
  });
  const cases: Array<{ name: string; make: () => string; parse: (content: string) => ParseResult }> = [
    { name: 'plain text', make: () => repeat('At least 16 pro-Assad troops were killed in Idlib. '), parse: (c) => parsePlainText(c, 'big.txt') },
    { name: 'HTML', make: () => repeat('<p>At least 16 <b>pro-Assad</b> troops were killed in Idlib.</p>\n'), parse: (c) => parseHtml(c, 'big.html') },
    { name: 'JSONL', make: () => repeat(record, '\n'), parse: (c) => parseJsonl(c, 'big.jsonl') },
    { name: 'JSON', make: () => `[${repeat(record, ',\n')}]`, parse: (c) => parseJson(c, 'big.json') },
    { name: 'Label Studio', make: () => `[${repeat(task, ',\n')}]`, parse: (c) => parseLabelStudio(c, 'big.json') },
    { name: 'Spanwise (not an export)', make: () => `{"format": "other", "x": "${repeat('a')}"}`, parse: (c) => parseSpanwise(c, 'big.json') },
    { name: 'CoNLL', make: () => repeat('Idlib B-LOCATION\nwas O\nhit O\n', '\n'), parse: (c) => parseConll(c, 'big.conll') },
    {
      name: 'Hugging Face',
      make: () => repeat('{"tokens":["Shelling","hit","Idlib"],"ner_tags":[0,0,1]}', '\n'),
      parse: (c) => parseHf(c, 'big.jsonl', { tags: ['O', 'B-LOCATION'] }),
    },
    { name: 'brat', make: () => repeat('R1\tCause Arg1:T1 Arg2:T2', '\n').replace(/^/, 'T1\tLOCATION 13 18\tIdlib\n'), parse: (c) => parseBrat(c, 'big.ann', { text: TEXT }) },
    { name: 'one 50 MB JSON line', make: () => `{"text": "${repeat('Idlib ')}`, parse: (c) => parseJsonl(c, 'big.jsonl') },
  ];
  for (const { name, make, parse } of cases) {
    it(
      name,
      () => {
        const content = make();
        const started = performance.now();
        const result = parse(content);
        expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
        if (!result.ok) {
          expect(result.error.file).toMatch(/^big\./);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      },
      TIME_LIMIT_MS * 2,
    );
  }
});
