/**
 * Every serializer against a file checked in under __golden__, on a short article written for
 * these tests (emoji, Arabic, a combining accent, nested spans, attributes and a note).
 * After an intended change of output, rewrite the files with `UPDATE_GOLDEN=1`, and read the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleArticles } from '../samples';
import { codePointLength } from '../text';
import type { LabelDef } from '../types';
import { exportDocument, storedSpans, type SpanSpec } from './__testing__/fixtures';
import { parseBrat, serializeBrat } from './brat';
import { parseConll, serializeConll } from './conll';
import { parseHf, serializeHf } from './hf';
import { parseJson, serializeJson } from './json';
import { parseJsonl, serializeJsonl } from './jsonl';
import { parseLabelStudio, serializeLabelStudio } from './labelstudio';
import { describeFormatError, type ExportFile, type ImportedDocument, type ParseResult } from './model';
import { parsePlainText, serializePlainText } from './plaintext';
import { parseSpanwise, serializeSpanwise, type SpanwiseExport } from './spanwise';

const TEXT = [
  'Shelling hits Tell Amar 🇸🇾',
  '',
  'At least 16 pro-government fighters were killed on Sept. 17, 2024 near Tell Amar, the Civil Rescue Corps said. Rene\u0301 Dubois, a medic, counted them.',
  'قصفت الطائرات مدينة إدلب.',
].join('\n');

/** The spans of the golden article, found by their text so the offsets stay readable here. */
function at(phrase: string, label: string, occurrence = 0, extra: Partial<SpanSpec> = {}): SpanSpec {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = TEXT.indexOf(phrase, index + 1);
  if (index < 0) throw new Error(`"${phrase}" is not in the golden text`);
  const start = codePointLength(TEXT.slice(0, index));
  return { start, end: start + codePointLength(phrase), label, ...extra };
}

const SPANS: SpanSpec[] = [
  at('Tell Amar', 'LOCATION'),
  at('At least 16 pro-government fighters', 'CASUALTY', 0, { attributes: { kind: 'killed', count: 16, qualifier: 'at least' } }),
  at('pro-government fighters', 'ACTOR'),
  at('Sept. 17, 2024', 'DATE', 0, { attributes: { value: '2024-09-17' } }),
  at('Tell Amar', 'LOCATION', 1),
  at('Civil Rescue Corps', 'ACTOR', 0, { note: 'The group’s own name' }),
  at('Rene\u0301 Dubois', 'ACTOR'),
  at('إدلب', 'LOCATION'),
];

/** A schema of its own, so the files do not change when the default definitions are reworded. */
const LABELS: LabelDef[] = [
  { name: 'ACTOR', color: '#c2410c', hotkeys: ['1'], definition: 'A party to the conflict.' },
  { name: 'LOCATION', color: '#1d4ed8', hotkeys: ['2'], definition: 'A place on a map.' },
  {
    name: 'DATE',
    color: '#047857',
    hotkeys: ['3'],
    definition: 'A date.',
    attributes: [{ name: 'value', type: 'date' }],
  },
  {
    name: 'CASUALTY',
    color: '#b91c1c',
    hotkeys: ['4'],
    definition: 'People harmed.',
    attributes: [
      { name: 'kind', type: 'enum', values: ['killed', 'wounded'] },
      { name: 'count', type: 'integer' },
      { name: 'qualifier', type: 'enum', values: ['exact', 'at least'] },
    ],
  },
];

const DOC = exportDocument(TEXT, SPANS, 'golden-1', { source: 'golden.txt', publishedAt: '2024-09-18' });
const LABEL_NAMES = LABELS.map((label) => label.name);

const EXPORT: SpanwiseExport = {
  format: 'spanwise-export',
  version: 1,
  project: { name: 'Golden', labels: LABELS },
  documents: [
    {
      document: DOC.document,
      layers: {
        amira: {
          info: { id: 'amira', kind: 'annotator', name: 'Amira', createdAt: '2026-01-01T00:00:00.000Z' },
          status: 'done',
          spans: DOC.spans,
        },
        gold: {
          info: { id: 'gold', kind: 'gold', name: 'Gold', createdAt: '2026-01-01T00:00:00.000Z' },
          status: 'in-progress',
          spans: storedSpans(TEXT, SPANS.slice(0, 2), 'gold'),
        },
      },
    },
  ],
};

function checkGolden(name: string, content: string) {
  const path = fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, content);
  expect(content).toBe(readFileSync(path, 'utf8'));
}

function checkFiles(prefix: string, files: ExportFile[]) {
  for (const file of files) checkGolden(`${prefix}${file.name}`, file.content);
}

describe('serializers match their golden files', () => {
  it('doccano JSONL', () => checkGolden('doccano.jsonl', serializeJsonl([DOC], 'doccano')));
  it('spaCy JSONL', () => checkGolden('spacy.jsonl', serializeJsonl([DOC], 'spacy')));
  it('JSON array', () => checkGolden('records.json', serializeJson([DOC], 'doccano')));
  it('plain text', () => checkGolden('golden-1.txt', serializePlainText(DOC)));
  it('Spanwise export', () => checkGolden('spanwise.json', serializeSpanwise(EXPORT)));
  it('Label Studio', () => checkGolden('labelstudio.json', serializeLabelStudio(EXPORT.documents)));

  it('brat', () => {
    const result = serializeBrat([DOC], LABELS);
    expect(result.files.map((file) => file.name)).toEqual(['golden-1.txt', 'golden-1.ann', 'annotation.conf']);
    checkFiles('brat/', result.files);
    expect(result.warnings).toEqual([]);
  });

  it('CoNLL, with the nested ACTOR left out and counted', () => {
    const result = serializeConll([DOC], { labelOrder: LABEL_NAMES });
    checkFiles('', result.files);
    expect(result.dropped).toBe(1);
    expect(result.warnings).toEqual([
      '1 span nested in or overlapping another span was left out: CoNLL holds one label per token (the outermost span was kept)',
    ]);
  });

  it('Hugging Face', () => {
    const result = serializeHf([DOC], LABEL_NAMES);
    checkFiles('hf/', result.files);
    expect(result.tags).toEqual(['O', 'B-ACTOR', 'I-ACTOR', 'B-LOCATION', 'I-LOCATION', 'B-DATE', 'I-DATE', 'B-CASUALTY', 'I-CASUALTY']);
    expect(result.dropped).toBe(1);
  });
});

/** A golden file's text. */
function golden(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url)), 'utf8');
}

/** Spans as label and covered text, ordered by where they start; token formats compared without spaces. */
function brief(text: string, spans: ReadonlyArray<{ start: number; end: number; label: string }>, squeeze = false): string[] {
  const points = [...text];
  return [...spans]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((span) => {
      const covered = points.slice(span.start, span.end).join('');
      return `${span.label}:${squeeze ? covered.replace(/\s+/g, '') : covered}`;
    });
}

function documentsOf(result: ParseResult): ImportedDocument[] {
  if (!result.ok) throw new Error(describeFormatError(result.error));
  return result.documents;
}

/** The spans a flat format keeps: those inside no other span. */
function outermost<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  return spans.filter((span) => !spans.some((other) => other !== span && other.start <= span.start && span.end <= other.end));
}

/** The CoNLL and Hugging Face golden files under `prefix`, read back. */
function tokenFormatsBack(prefix: string): Array<[string, ImportedDocument[]]> {
  return [
    ['conll', documentsOf(parseConll(golden(`${prefix}documents.conll`), 'documents.conll'))],
    ['hf', documentsOf(parseHf(golden(`${prefix}hf/data.jsonl`), 'data.jsonl', { tags: JSON.parse(golden(`${prefix}hf/tags.json`)) as string[] }))],
  ];
}

describe('golden files read back', () => {
  const expected = brief(TEXT, SPANS);
  // The flat formats keep the outermost of the nested spans: the ACTOR inside the CASUALTY goes.
  const flat = brief(TEXT, outermost(SPANS), true);

  it.each([
    ['doccano.jsonl', () => parseJsonl(golden('doccano.jsonl'), 'doccano.jsonl')],
    ['spacy.jsonl', () => parseJsonl(golden('spacy.jsonl'), 'spacy.jsonl')],
    ['records.json', () => parseJson(golden('records.json'), 'records.json')],
    ['brat/golden-1.ann', () => parseBrat(golden('brat/golden-1.ann'), 'golden-1.ann', { text: golden('brat/golden-1.txt'), labels: LABELS })],
  ])('%s gives back the text and every span', (_, parse) => {
    const [doc] = documentsOf(parse());
    expect(doc.text).toBe(TEXT);
    expect(brief(doc.text, doc.spans)).toEqual(expected);
  });

  it('spacy.jsonl keeps attributes and notes', () => {
    const [doc] = documentsOf(parseJsonl(golden('spacy.jsonl'), 'spacy.jsonl'));
    const withExtras = (spans: ReadonlyArray<{ label: string; attributes?: unknown; note?: string }>) =>
      spans.filter((span) => span.attributes !== undefined || span.note !== undefined).map((span) => [span.label, span.attributes ?? null, span.note ?? null]);
    expect(withExtras(doc.spans)).toEqual(withExtras(SPANS));
  });

  it('golden-1.txt gives back the text and its title', () => {
    const [doc] = documentsOf(parsePlainText(golden('golden-1.txt'), 'golden-1.txt'));
    expect(doc.text).toBe(TEXT);
    expect(doc.title).toBe('Shelling hits Tell Amar 🇸🇾');
  });

  it('spanwise.json and labelstudio.json give back every layer', () => {
    for (const [name, parse] of [
      ['spanwise.json', parseSpanwise],
      ['labelstudio.json', parseLabelStudio],
    ] as const) {
      const [doc] = documentsOf(parse(golden(name), name));
      expect(doc.text, name).toBe(TEXT);
      expect(Object.values(doc.layers ?? {}).map((layer) => [layer.kind, brief(doc.text, layer.spans)]), name).toEqual([
        ['annotator', expected],
        ['gold', brief(TEXT, SPANS.slice(0, 2))],
      ]);
    }
  });

  it('documents.conll and the Hugging Face files give back the kept spans over the same words', () => {
    for (const [name, docs] of tokenFormatsBack('')) {
      const text = docs.map((doc) => doc.text).join('\n');
      expect(text.replace(/\s+/g, ''), name).toBe(TEXT.replace(/\s+/g, ''));
      expect(docs.flatMap((doc) => brief(doc.text, doc.spans, true)), name).toEqual(flat);
    }
  });
});

/** What a careful annotator tags on each sample article: [phrase, label], the first occurrence unless numbered. */
const SAMPLE_TAGS: Array<Array<[string, string, number?]>> = [
  [
    ['At least nine civilians', 'CASUALTY'],
    ['Tuesday', 'DATE'],
    ['Kafr Maran', 'LOCATION', 1],
    ['Civil Rescue Corps', 'ACTOR'],
    ['Northern Liberation Front', 'ACTOR'],
    ['Tell Hamra', 'LOCATION'],
    ['16 pro-government fighters', 'CASUALTY'],
    ['pro-government fighters', 'ACTOR'],
  ],
  [
    ['Wadi Sirr', 'LOCATION', 1],
    ['5,834 people', 'CASUALTY'],
    ['Friday', 'DATE'],
    ['Crescent Relief Society', 'ACTOR'],
    ['Free Tribes Army', 'ACTOR'],
    ['Two civilians', 'CASUALTY'],
    ['Marj al-Zaytun', 'LOCATION'],
  ],
  [
    ['Thursday', 'DATE'],
    ['Sarmada al-Sharqiya', 'LOCATION'],
    ['Idlib', 'LOCATION', 1],
    ['إدلب', 'LOCATION'],
    ['two drivers', 'CASUALTY'],
    ['إدلب', 'LOCATION', 1],
    ['Northern Liberation Front', 'ACTOR'],
    ['11 aid workers', 'CASUALTY'],
  ],
  [
    ['Free Tribes Army', 'ACTOR'],
    ['Jabal Qarn', 'LOCATION', 1],
    ['Sept. 17, 2024', 'DATE'],
    ['Regional Security Council', 'ACTOR'],
    ['Kherbet Nour', 'LOCATION'],
    ['General Samir Khoury', 'ACTOR'],
  ],
  [
    ['Base 52', 'LOCATION', 1],
    ['M7/Tal Safa-Qusour highway', 'LOCATION'],
    ['34 militants', 'CASUALTY'],
    ['14 civilians, including five children', 'CASUALTY'],
    ['Nov. 3', 'DATE'],
    ['12 soldiers', 'CASUALTY'],
  ],
];

/** The spans of `tags` on `text`, found by their phrases. */
function tagged(text: string, tags: ReadonlyArray<[string, string, number?]>): SpanSpec[] {
  return tags.map(([phrase, label, occurrence = 0]) => {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) index = text.indexOf(phrase, index + 1);
    if (index < 0) throw new Error(`"${phrase}" is not in the sample`);
    const start = codePointLength(text.slice(0, index));
    return { start, end: start + codePointLength(phrase), label };
  });
}

describe('the project’s sample articles in every format', () => {
  const samples = sampleArticles().map((article, index) =>
    exportDocument(article.text, tagged(article.text, SAMPLE_TAGS[index]), article.id, { publishedAt: article.meta?.publishedAt ?? '' }),
  );
  const layered = samples.map(({ document, spans }) => ({
    document,
    layers: { amira: { info: { id: 'amira', kind: 'annotator' as const, name: 'Amira', createdAt: '2026-01-01T00:00:00.000Z' }, status: 'done' as const, spans } },
  }));

  it('matches the golden files', () => {
    checkGolden('samples/doccano.jsonl', serializeJsonl(samples, 'doccano'));
    checkGolden('samples/spacy.jsonl', serializeJsonl(samples, 'spacy'));
    checkGolden('samples/spanwise.json', serializeSpanwise({ format: 'spanwise-export', version: 1, project: { name: 'Samples', labels: LABELS }, documents: layered }));
    checkGolden('samples/labelstudio.json', serializeLabelStudio(layered));
    checkFiles('samples/brat/', serializeBrat(samples, LABELS).files);
    const conll = serializeConll(samples, { labelOrder: LABEL_NAMES });
    checkFiles('samples/', conll.files);
    // The nested ACTOR of the first article is the one span a flat format cannot hold.
    expect(conll.dropped).toBe(1);
    checkFiles('samples/hf/', serializeHf(samples, LABEL_NAMES).files);
  });

  it('reads every golden file back to the same spans', () => {
    const expected = samples.map(({ document, spans }) => brief(document.text, spans));
    const texts = samples.map(({ document }) => document.text);
    for (const [name, result] of [
      ['doccano.jsonl', parseJsonl(golden('samples/doccano.jsonl'), 'doccano.jsonl')],
      ['spacy.jsonl', parseJsonl(golden('samples/spacy.jsonl'), 'spacy.jsonl')],
    ] as const) {
      const docs = documentsOf(result);
      expect(docs.map((doc) => doc.text), name).toEqual(texts);
      expect(docs.map((doc) => brief(doc.text, doc.spans)), name).toEqual(expected);
    }
    for (const [name, parse] of [
      ['spanwise.json', parseSpanwise],
      ['labelstudio.json', parseLabelStudio],
    ] as const) {
      const docs = documentsOf(parse(golden(`samples/${name}`), name));
      expect(docs.map((doc) => brief(doc.text, Object.values(doc.layers ?? {})[0]?.spans ?? [])), name).toEqual(expected);
    }
    samples.forEach(({ document }, index) => {
      const [doc] = documentsOf(parseBrat(golden(`samples/brat/${document.id}.ann`), `${document.id}.ann`, { text: golden(`samples/brat/${document.id}.txt`), labels: LABELS }));
      expect(brief(doc.text, doc.spans), document.id).toEqual(expected[index]);
    });
    const flatExpected = samples.flatMap(({ document, spans }) => brief(document.text, outermost(spans), true));
    for (const [name, docs] of tokenFormatsBack('samples/')) {
      expect(docs.flatMap((doc) => brief(doc.text, doc.spans, true)), name).toEqual(flatExpected);
    }
  });
});
