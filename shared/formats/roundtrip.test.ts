/**
 * Export → import round trips of every format that can write, over random articles (emoji,
 * Arabic, combining marks, CRLF, lone surrogates) and over the real articles of
 * /work/shared/corpus when that folder exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../labels';
import { normalizeLineEndings } from '../text';
import { tokenize } from '../tokens';
import type { LayerInfo } from '../types';
import { article, exportDocument, spanKeys, spanTokens, storedSpans, type Article } from './__testing__/fixtures';
import { parseBrat, serializeBrat } from './brat';
import { parseConll, serializeConll } from './conll';
import { parseHf, serializeHf } from './hf';
import { parseJson, serializeJson } from './json';
import { parseJsonl, serializeJsonl } from './jsonl';
import { parseLabelStudio, serializeLabelStudio } from './labelstudio';
import type { ExportDocument, ImportedDocument, ParseResult } from './model';
import { parsePlainText, serializePlainText } from './plaintext';
import { parseSpanwiseExport, serializeSpanwise, type SpanwiseExport } from './spanwise';

const RUNS = Number(process.env.FC_RUNS ?? 60);
const LABEL_NAMES = DEFAULT_LABELS.map((label) => label.name);

function documentsOf(result: ParseResult): ImportedDocument[] {
  if (!result.ok) throw new Error(`parse failed: ${JSON.stringify(result.error)}`);
  return result.documents;
}

function fileContent(files: Array<{ name: string; content: string }>, name: string): string {
  const file = files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`no ${name} among ${files.map((f) => f.name).join(', ')}`);
  return file.content;
}

/** Attributes and notes the formats that keep them can hold. */
function decorate(item: Article): ExportDocument {
  return exportDocument(
    item.text,
    item.spans.map((span, index) => ({
      ...span,
      ...(span.label === 'CASUALTY' && { attributes: { kind: 'killed', count: index, qualifier: 'at least' } }),
      ...(index % 3 === 1 && { note: `note ${index}: “checked” ✓` }),
    })),
  );
}

/** Each round trip: what a format must give back of an article. */
const exactFormats: Array<{ name: string; roundTrip: (doc: ExportDocument) => ImportedDocument }> = [
  { name: 'doccano JSONL', roundTrip: (doc) => documentsOf(parseJsonl(serializeJsonl([doc], 'doccano'), 'a.jsonl'))[0] },
  { name: 'spaCy JSONL', roundTrip: (doc) => documentsOf(parseJsonl(serializeJsonl([doc], 'spacy'), 'a.jsonl'))[0] },
  { name: 'JSON array', roundTrip: (doc) => documentsOf(parseJson(serializeJson([doc], 'spacy'), 'a.json'))[0] },
  {
    name: 'brat',
    roundTrip: (doc) => {
      const { files } = serializeBrat([doc], DEFAULT_LABELS);
      return documentsOf(parseBrat(fileContent(files, 'doc-1.ann'), 'doc-1.ann', { text: fileContent(files, 'doc-1.txt'), labels: DEFAULT_LABELS }))[0];
    },
  },
];

function checkExact(name: string, doc: ExportDocument, back: ImportedDocument, keepsDetails: boolean) {
  expect(back.text, name).toBe(doc.document.text);
  expect(spanKeys(back.spans), name).toEqual(spanKeys(doc.spans));
  if (!keepsDetails) return;
  const detail = (spans: ReadonlyArray<{ start: number; end: number; label: string; attributes?: unknown; note?: string }>) =>
    spans.map((span) => JSON.stringify([span.start, span.end, span.label, span.attributes ?? null, span.note ?? null])).sort();
  expect(detail(back.spans), name).toEqual(detail(doc.spans));
}

describe('round trips of formats that keep the text', () => {
  for (const format of exactFormats) {
    it(`${format.name}: nested spans come back identical`, () => {
      fc.assert(
        fc.property(article({ flat: false }), (item) => {
          const doc = decorate(item);
          checkExact(format.name, doc, format.roundTrip(doc), format.name !== 'doccano JSONL');
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('plain text: the text comes back, title from its first line', () => {
    fc.assert(
      fc.property(article({ flat: false, maxSpans: 0 }), ({ text }) => {
        const back = documentsOf(parsePlainText(serializePlainText(exportDocument(text, [])), 'a.txt'))[0];
        expect(back.text).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('Label Studio: every layer comes back with its spans, attributes and notes', () => {
    fc.assert(
      fc.property(article({ flat: false }), (first) => {
        const one = decorate(first);
        const goldSpans = storedSpans(one.document.text, first.spans.filter((_, index) => index % 2 === 0), 'gold');
        const info = (id: string, kind: LayerInfo['kind']): LayerInfo => ({ id, kind, name: `Name of ${id}`, createdAt: '2026-01-01T00:00:00.000Z' });
        const layers = {
          amira: { info: info('amira', 'annotator'), status: 'done' as const, spans: one.spans },
          gold: { info: info('gold', 'gold'), status: 'done' as const, spans: goldSpans },
        };
        const json = serializeLabelStudio([{ document: one.document, layers }]);
        const back = documentsOf(parseLabelStudio(json, 'tasks.json'))[0];
        expect(back.text).toBe(one.document.text);
        expect(back.id).toBe(one.document.id);
        expect(Object.keys(back.layers ?? {})).toEqual(['amira', 'gold']);
        expect(back.layers?.amira.name).toBe('Name of amira');
        expect(back.layers?.gold.kind).toBe('gold');
        checkExact('Label Studio', one, { ...back, spans: back.layers?.amira.spans ?? [] }, true);
        expect(spanKeys(back.layers?.gold.spans ?? [])).toEqual(spanKeys(goldSpans));
      }),
      { numRuns: RUNS },
    );
  });

  it('Spanwise export: import(export(x)) deep-equals x', () => {
    fc.assert(
      fc.property(fc.array(article({ flat: false }), { minLength: 1, maxLength: 3 }), (items) => {
        const data: SpanwiseExport = {
          format: 'spanwise-export',
          version: 1,
          project: { name: 'Round trip', labels: DEFAULT_LABELS },
          documents: items.map((item, index) => {
            const doc = decorate(item);
            return {
              document: { ...doc.document, id: `doc-${index}`, meta: { source: `file ${index}.txt` } },
              layers: {
                amira: {
                  info: { id: 'amira', kind: 'annotator', name: 'Amira', createdAt: '2026-01-01T00:00:00.000Z' },
                  status: 'in-progress',
                  spans: doc.spans,
                },
              },
            };
          }),
        };
        const back = parseSpanwiseExport(serializeSpanwise(data), 'export.json');
        expect(back).toEqual({ ok: true, data });
      }),
      { numRuns: RUNS },
    );
  });
});

/** What token formats must give back: the same spans, as the tokens they cover. */
function checkTokens(name: string, doc: ExportDocument, back: ImportedDocument) {
  const original = [...doc.spans].sort((a, b) => a.start - b.start).map((span) => `${span.label}: ${spanTokens(doc.document.text, span)}`);
  const returned = [...back.spans].sort((a, b) => a.start - b.start).map((span) => `${span.label}: ${[...back.text].slice(span.start, span.end).join('')}`);
  expect(returned, name).toEqual(original);
  expect(back.text.replace(/\n/g, ' '), name).toBe(tokenize(doc.document.text).map((token) => token.text).join(' '));
}

const tokenFormats: Array<{ name: string; roundTrip: (doc: ExportDocument) => { back: ImportedDocument; dropped: number } }> = [
  {
    name: 'CoNLL',
    roundTrip: (doc) => {
      const { files, dropped } = serializeConll([doc]);
      return { back: documentsOf(parseConll(files[0].content, 'a.conll', { scheme: 'iob2' }))[0], dropped };
    },
  },
  {
    name: 'Hugging Face',
    roundTrip: (doc) => {
      const { files, tags, dropped } = serializeHf([doc], LABEL_NAMES);
      return { back: documentsOf(parseHf(fileContent(files, 'data.jsonl'), 'data.jsonl', { tags, scheme: 'iob2' }))[0], dropped };
    },
  },
];

describe('round trips of token formats', () => {
  for (const format of tokenFormats) {
    it(`${format.name}: flat spans come back over the same tokens`, () => {
      fc.assert(
        fc.property(article({ flat: true }), (item) => {
          const doc = exportDocument(item.text, item.spans);
          const { back, dropped } = format.roundTrip(doc);
          expect(dropped).toBe(0);
          checkTokens(format.name, doc, back);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${format.name}: nested spans are flattened, and what is left out is counted`, () => {
      fc.assert(
        fc.property(article({ flat: false }), (item) => {
          const doc = exportDocument(item.text, item.spans);
          const { back, dropped } = format.roundTrip(doc);
          expect(back.spans.length + dropped).toBe(doc.spans.length);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('imports map offsets given on CRLF text onto the normalised text', () => {
  const crlfArticle = article({ flat: false }).map(({ text, spans }) => ({ raw: text.replace(/\n/g, '\r\n'), text, spans }));
  const rawOffset = (raw: string, offset: number) => {
    // The offset in the CRLF text of a normalised offset: one more per line break before it.
    const before = [...normalizeLineEndings(raw)].slice(0, offset).filter((char) => char === '\n').length;
    return offset + before;
  };

  it('doccano JSONL, Label Studio and brat agree on the spans', () => {
    fc.assert(
      fc.property(crlfArticle, ({ raw, text, spans }) => {
        const rawSpans = spans.map((span) => ({ ...span, start: rawOffset(raw, span.start), end: rawOffset(raw, span.end) }));
        const jsonl = JSON.stringify({ text: raw, label: rawSpans.map((span) => [span.start, span.end, span.label]) });
        const tasks = JSON.stringify([
          {
            data: { text: raw },
            annotations: [
              {
                completed_by: 7,
                result: rawSpans.map((span, index) => ({
                  id: `r${index}`,
                  type: 'labels',
                  value: { start: span.start, end: span.end, text: [...raw].slice(span.start, span.end).join(''), labels: [span.label] },
                })),
              },
            ],
          },
        ]);
        const ann = rawSpans
          .map((span, index) => `T${index + 1}\t${span.label} ${span.start} ${span.end}\t${[...raw].slice(span.start, span.end).join('').replace(/\s/g, ' ')}\n`)
          .join('');
        const expected = spanKeys(spans);
        const fromJsonl = documentsOf(parseJsonl(jsonl, 'a.jsonl'))[0];
        expect(fromJsonl.text).toBe(text);
        expect(spanKeys(fromJsonl.spans)).toEqual(expected);
        const fromTasks = documentsOf(parseLabelStudio(tasks, 'a.json'))[0];
        expect(spanKeys(fromTasks.layers?.['ls-user-7'].spans ?? [])).toEqual(expected);
        const fromBrat = documentsOf(parseBrat(ann, 'a.ann', { text: raw }))[0];
        expect(fromBrat.text).toBe(text);
        expect(spanKeys(fromBrat.spans)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('round trips over the real corpus', () => {
  const corpusDir = '/work/shared/corpus';
  const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).sort() : [];
  if (files.length === 0) console.log(`skipping the corpus round trips: ${corpusDir} is absent or holds no .txt files`);

  /** Flat spans on every third token, and (unless flat) spans over the next three tokens nesting over them. */
  function corpusDocument(name: string, flat: boolean): ExportDocument {
    const text = normalizeLineEndings(readFileSync(join(corpusDir, name), 'utf8'));
    const tokens = tokenize(text);
    const specs = [];
    for (let i = 0; i < tokens.length; i += 3) specs.push({ start: tokens[i].start, end: tokens[i].end, label: LABEL_NAMES[i % 4] });
    if (!flat) {
      for (let i = 0; i + 3 < tokens.length; i += 7) specs.push({ start: tokens[i].start, end: tokens[i + 3].end, label: 'CASUALTY' });
    }
    return exportDocument(text, specs, name.replace(/\.txt$/, '').replace(/[^A-Za-z0-9_-]/g, '-'));
  }

  it.skipIf(files.length === 0).each(files)('%s', (name) => {
    const nested = corpusDocument(name, false);
    for (const format of exactFormats) {
      const renamed = { ...nested, document: { ...nested.document, id: 'doc-1' } };
      checkExact(format.name, renamed, format.roundTrip(renamed), false);
    }
    const flat = corpusDocument(name, true);
    for (const format of tokenFormats) {
      const { back, dropped } = format.roundTrip(flat);
      expect(dropped).toBe(0);
      checkTokens(format.name, flat, back);
    }
    const plain = documentsOf(parsePlainText(serializePlainText(nested), `${name}`))[0];
    expect(plain.text).toBe(nested.document.text);
  });
});
