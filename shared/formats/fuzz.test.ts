/**
 * Every importer fuzzed (issue 7): 10,000 inputs each — random text, random bytes decoded as
 * UTF-8 would be, and valid files of the format mutated (cut, spliced, digits changed, brackets
 * and tabs dropped in). Whatever comes in, a parser answers: documents whose spans fit their
 * text, or one FormatError naming the file with a message — never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../text';
import { parseFile, type FormatId } from './index';
import type { ParseOptions } from './index';
import type { ParseResult } from './model';

const RUNS = 10_000;

const BRAT_TEXT = 'Turkish troops entered Afrin on Monday.\r\nShelling hit Idlib.';

/** One valid file of each format, small, with spans. */
const VALID: Record<FormatId, { file: string; content: string; options?: ParseOptions }> = {
  text: { file: 'a.txt', content: 'Airstrikes hit Idlib\n\nRussian warplanes struck Ariha on Tuesday.' },
  html: { file: 'a.html', content: '<html><head><title>T</title><script>x()</script></head><body><h1>Strike</h1><p>Warplanes hit <b>Saraqib</b>.</p></body></html>' },
  jsonl: { file: 'a.jsonl', content: '{"id":"a1","text":"Assad forces shelled Kafr Nabl.","label":[[0,12,"ORG"],[21,30,"GPE"]]}\n{"text":"Families fled.","label":[]}\n' },
  spacy: { file: 'a.json', content: '[{"text":"Families fled Maarat al-Numan.","spans":[{"start":14,"end":29,"label":"GPE","text":"Maarat al-Numan"}]}]' },
  labelstudio: {
    file: 'tasks.json',
    content: JSON.stringify([
      {
        id: 1,
        data: { text: 'Rebels shelled Hama.' },
        annotations: [{ completed_by: 3, result: [{ id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 15, end: 19, text: 'Hama', labels: ['LOC'] } }] }],
      },
    ]),
  },
  spanwise: {
    file: 'export.json',
    content: JSON.stringify({
      format: 'spanwise-export',
      version: 1,
      project: { name: 'P', labels: [{ name: 'ACTOR', color: '#c2410c', hotkeys: ['1'], definition: '' }] },
      documents: [
        {
          document: { id: 'd1', title: 'T', text: 'Rebels left.', textHash: 'x', meta: {}, importedAt: 'now' },
          layers: {
            amira: {
              info: { id: 'amira', kind: 'annotator', name: 'Amira', createdAt: 'now' },
              status: 'done',
              spans: [{ id: 's1', start: 0, end: 6, label: 'ACTOR', text: 'Rebels', annotator: 'amira', createdAt: 'now' }],
            },
          },
        },
      ],
    }),
  },
  brat: { file: 'a.ann', content: 'T1\tORG 0 14\tTurkish troops\nT2\tLOC 23 28;41 49\tAfrin Shelling\nA1\tNegated T1\n#1\tAnnotatorNotes T1\tnote\nR1\tRel Arg1:T1 Arg2:T2\n', options: { text: BRAT_TEXT } },
  conll: { file: 'a.conll', content: '-DOCSTART- -X- O O\n\nRebels B-ORG\nleft O\nHama B-LOC\n. O\n\nThey O\nfled O\n' },
  hf: { file: 'a.jsonl', content: '{"id":"d-0","document":"d","tokens":["Rebels","left","Hama"],"ner_tags":[1,0,3]}\n{"tokens":["Fled"],"ner_tags":["O"]}\n', options: { tags: ['O', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] } },
};

/** Text any file might hold: characters JSON, tags and offsets are made of, and others. */
const pieces = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\t', ' ', '\n', '\r\n', '-', 'B-', 'I-', 'E-', 'S-', 'O', 'T1', '0', '9', '12', '-1', '1e9', 'null', 'true', '\\', '\\u', 'é', '🚀', 'إدلب', '\u0301', '\u0000', '\uFFFD', '<p>', '</', '<script>', 'text', 'label', 'spans', 'data', 'annotations', 'result', 'value', 'start', 'end', 'tokens', 'ner_tags', 'format', 'spanwise-export', '-DOCSTART-');

const randomText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')));

/** Random bytes as a reader decodes them: invalid UTF-8 becomes U+FFFD. */
const randomBytes = fc.uint8Array({ maxLength: 200 }).map((bytes) => new TextDecoder().decode(bytes));

type Mutation = (content: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (content: string) => content.slice(0, at % (content.length + 1))),
  fc.tuple(fc.nat(), fc.nat({ max: 20 })).map(([at, length]) => (content: string) => {
    const from = at % (content.length + 1);
    return content.slice(0, from) + content.slice(from + length);
  }),
  fc.tuple(fc.nat(), fc.array(pieces, { maxLength: 4 })).map(([at, inserted]) => (content: string) => {
    const from = at % (content.length + 1);
    return content.slice(0, from) + inserted.join('') + content.slice(from);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -5, max: 1_000_000 })).map(([nth, value]) => (content: string) => {
    let index = 0;
    return content.replace(/\d+/g, (digits) => (index++ === nth % 8 ? String(value) : digits));
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (content: string) => {
    // Move a piece of the file elsewhere: records and lines out of order, halves swapped.
    const x = a % (content.length + 1);
    const y = b % (content.length + 1);
    const [from, to] = x < y ? [x, y] : [y, x];
    return content.slice(to) + content.slice(from, to) + content.slice(0, from);
  }),
);

const mutated = (valid: string) => fc.array(mutation, { minLength: 1, maxLength: 4 }).map((steps) => steps.reduce((content, step) => step(content), valid));

/** Hold a parse result to the adapters' promise. */
function expectWellFormed(result: ParseResult, file: string): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(result.error.file).toBe(file);
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.length).toBeGreaterThan(0);
    // `attempt` words an adapter's own bug as "could not be read: <what JS said>"; none may happen.
    expect(result.error.message).not.toMatch(/^could not be read: /);
    if (result.error.line !== undefined) expect(Number.isInteger(result.error.line) && result.error.line >= 1).toBe(true);
    return;
  }
  for (const doc of result.documents) {
    expect(typeof doc.text).toBe('string');
    const length = codePointLength(doc.text);
    const spans = [...doc.spans, ...Object.values(doc.layers ?? {}).flatMap((layer) => layer.spans)];
    for (const span of spans) {
      expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
      expect(0 <= span.start && span.start < span.end && span.end <= length).toBe(true);
      expect(typeof span.label).toBe('string');
    }
  }
}

describe('every importer, fuzzed', () => {
  for (const [format, valid] of Object.entries(VALID) as Array<[FormatId, (typeof VALID)[FormatId]]>) {
    it(`${format}: answers any input with documents or a FormatError`, async () => {
      expectWellFormed(await parseFile(format, valid.content, valid.file, valid.options), valid.file);
      expect((await parseFile(format, valid.content, valid.file, valid.options)).ok).toBe(true);
      const input = fc.oneof(
        { weight: 1, arbitrary: randomText },
        { weight: 1, arbitrary: randomBytes },
        { weight: 3, arbitrary: mutated(valid.content) },
      );
      // brat reads two files: fuzz the text beside the .ann too.
      const options = format === 'brat' ? fc.oneof(fc.constant(valid.options), mutated(BRAT_TEXT).map((text) => ({ text }))) : fc.constant(valid.options);
      await fc.assert(
        fc.asyncProperty(input, options, async (content, parseOptions) => {
          expectWellFormed(await parseFile(format, content, valid.file, parseOptions), valid.file);
        }),
        { numRuns: RUNS },
      );
    }, 60_000);
  }
});
