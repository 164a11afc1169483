/**
 * One article per JSON record, one record per line (JSONL): the shape doccano, spaCy/Prodigy
 * pipelines and most scrapers write.
 *
 * A record has `text` (required) and, where present, `id`, `title`, `url` and a publication date
 * (`published`, `publishedAt` or `date`, kept as `meta.publishedAt`); other scalar fields, and
 * the scalar fields of a nested `meta` object, are kept in the document's meta. Spans come in
 * one of these fields:
 * - doccano: `"label": [[start, end, "LABEL"], …]`, or `"entities"` holding the same triples or
 *   doccano's objects `{ "start_offset", "end_offset", "label" }`;
 * - spaCy/Prodigy: `"spans": [{ "start", "end", "label" }, …]`, optionally with the covered
 *   `text` (checked), and — as Spanwise writes them — `attributes`, `note` and `fragments`.
 *
 * Offsets are code points into `text` (both tools compute them on Python strings), counted on
 * the text as the record holds it: a `\r\n` in it counts two and is mapped onto the normalised
 * text. Any bad record fails the whole file with the line of the record.
 */
import { isRecord, parseJsonText } from './jsontext';
import {
  FormatProblem,
  parseGuarded,
  type ExportDocument,
  type ImportedDocument,
  type ImportedSpan,
  type ParseResult,
} from './model';
import { attributesOf, requireFragmentsFit, requireReadableText, show, SourceText } from './source';

/** The span field a record is written with: doccano triples or spaCy-style objects. */
export type RecordShape = 'doccano' | 'spacy';

const DATE_FIELDS = ['publishedAt', 'published', 'date'];
const SPAN_FIELDS = ['spans', 'entities', 'label'];
const STRUCTURAL_FIELDS = new Set(['text', 'id', 'title', 'meta', ...SPAN_FIELDS, ...DATE_FIELDS]);

/** Read a JSONL file of records; errors name the line of the record. */
export function parseJsonl(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const documents: ImportedDocument[] = [];
    const warnings = new Set<string>();
    let lineNumber = 0;
    for (const line of content.split('\n')) {
      lineNumber++;
      if (line.trim() === '') continue;
      documents.push(recordToDocument(parseJsonText(line, lineNumber), lineNumber, warnings));
    }
    return { ok: true, documents, warnings: [...warnings] };
  });
}

/** Records as JSONL, one per line, with spans in the given shape. */
export function serializeJsonl(items: readonly ExportDocument[], shape: RecordShape): string {
  return items.map((item) => `${JSON.stringify(documentToRecord(item, shape))}\n`).join('');
}

/**
 * Turn one parsed record into a document. Throws a FormatProblem on `line` when the record is
 * not usable; notes fields it could not keep in `warnings`.
 */
export function recordToDocument(record: unknown, line: number | undefined, warnings: Set<string>): ImportedDocument {
  if (!isRecord(record)) throw new FormatProblem(`record is not a JSON object but ${show(record)}`, line);
  const { text } = record;
  if (typeof text !== 'string') throw new FormatProblem('record has no "text" string field', line);
  if (text.trim() === '') throw new FormatProblem('record has an empty "text"', line);
  const source = new SourceText(text);
  const document: ImportedDocument = { text: source.text, meta: {}, spans: spansOf(record, source, line) };
  if (record.id !== undefined && record.id !== null) document.id = scalarField(record, 'id', line);
  if (record.title !== undefined && record.title !== null) document.title = scalarField(record, 'title', line);
  const dateField = DATE_FIELDS.find((field) => record[field] !== undefined && record[field] !== null);
  if (dateField) document.meta.publishedAt = scalarField(record, dateField, line);
  if (isRecord(record.meta)) keepScalars(record.meta, document.meta, warnings, 'meta.');
  else if (record.meta !== undefined && record.meta !== null) document.meta.meta = scalarField(record, 'meta', line);
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !STRUCTURAL_FIELDS.has(key)));
  keepScalars(rest, document.meta, warnings, '');
  return document;
}

/** The record of one document: id, title, text, spans in the shape asked for, meta. */
export function documentToRecord(item: ExportDocument, shape: RecordShape): Record<string, unknown> {
  const { document, spans } = item;
  const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const record: Record<string, unknown> = { id: document.id, title: document.title, text: document.text };
  if (shape === 'doccano') {
    record.label = ordered.map((span) => [span.start, span.end, span.label]);
  } else {
    record.spans = ordered.map((span) => ({
      start: span.start,
      end: span.end,
      label: span.label,
      text: span.text,
      ...(span.attributes && { attributes: span.attributes }),
      ...(span.note !== undefined && { note: span.note }),
      ...(span.fragments && { fragments: span.fragments }),
    }));
  }
  record.meta = document.meta;
  return record;
}

function spansOf(record: Record<string, unknown>, source: SourceText, line: number | undefined): ImportedSpan[] {
  const present = SPAN_FIELDS.filter((field) => record[field] !== undefined && record[field] !== null);
  if (present.length > 1) {
    throw new FormatProblem(`record has spans in both "${present[0]}" and "${present[1]}"; keep one`, line);
  }
  const field = present[0];
  if (field === undefined) return [];
  const list = record[field];
  if (!Array.isArray(list)) throw new FormatProblem(`"${field}" must be a list of spans, got ${show(list)}`, line);
  return list.map((entry, index) => spanOf(entry, `"${field}" entry ${index + 1}`, source, line));
}

function spanOf(entry: unknown, what: string, source: SourceText, line: number | undefined): ImportedSpan {
  if (Array.isArray(entry)) {
    if (entry.length !== 3) throw new FormatProblem(`${what} must be [start, end, "LABEL"], got ${show(entry)}`, line);
    return source.span({ start: entry[0], end: entry[1], label: entry[2] }, what, line);
  }
  if (!isRecord(entry)) {
    throw new FormatProblem(`${what} must be [start, end, "LABEL"] or an object with start, end and label, got ${show(entry)}`, line);
  }
  const span = source.span(
    {
      start: entry.start ?? entry.start_offset,
      end: entry.end ?? entry.end_offset,
      // Label Studio's JSON-MIN export gives `labels`, a list; one label per span here.
      label: entry.label ?? (Array.isArray(entry.labels) && entry.labels.length === 1 ? entry.labels[0] : undefined),
      covered: entry.text,
    },
    what,
    line,
  );
  if (entry.attributes !== undefined) span.attributes = attributesOf(entry.attributes, what, line);
  if (entry.note !== undefined) {
    if (typeof entry.note !== 'string') throw new FormatProblem(`${what}: note must be a string`, line);
    span.note = entry.note;
  }
  if (entry.fragments !== undefined) span.fragments = fragmentsOf(entry.fragments, span, source, what, line);
  return span;
}

/** Fragments of a discontinuous span, given in the file's offsets. */
function fragmentsOf(
  value: unknown,
  span: ImportedSpan,
  source: SourceText,
  what: string,
  line: number | undefined,
): Array<[number, number]> {
  if (!Array.isArray(value) || value.length === 0) {
    throw new FormatProblem(`${what}: fragments must be a non-empty list of [start, end] pairs`, line);
  }
  const fragments = value.map((pair, index): [number, number] => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new FormatProblem(`${what}: fragment ${index + 1} must be [start, end], got ${show(pair)}`, line);
    }
    const piece = source.span({ start: pair[0], end: pair[1], label: span.label }, `${what} fragment ${index + 1}`, line);
    return [piece.start, piece.end];
  });
  requireFragmentsFit(fragments, span, what, line);
  return fragments;
}

function scalarField(record: Record<string, unknown>, field: string, line: number | undefined): string {
  const value = record[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new FormatProblem(`"${field}" must be a string or a number, got ${show(value)}`, line);
}

/** Copy scalar fields into meta as strings under safe key names; name the fields left out. */
function keepScalars(
  fields: Record<string, unknown>,
  meta: Record<string, string>,
  warnings: Set<string>,
  prefix: string,
): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      meta[metaKey(key)] = String(value);
    } else {
      warnings.add(`field "${prefix}${key}" holds a list or an object and was not kept`);
    }
  }
}

/** Meta keys become attribute-like names: a letter first, then letters, digits, `_` or `-`. */
function metaKey(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 63);
  return /^[A-Za-z]/.test(safe) ? safe : `f${safe}`;
}
