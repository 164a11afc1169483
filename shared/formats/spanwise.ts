/**
 * Spanwise's own export: a whole project — label schema, documents and every layer's spans,
 * statuses and fields — in one JSON file. Lossless: `parseSpanwiseExport(serializeSpanwise(x))`
 * gives back `x`, fields unknown to this version included. Offsets are code points into each
 * document's stored text, as in the project folder; each span's `text` is checked against them.
 */
import { z } from 'zod';
import type { DocumentRecord, DocumentStatus, LabelDef, LayerDocument, LayerInfo, Span } from '../types';
import { isRecord, lineOfPath, parseJsonText } from './jsontext';
import { attempt, FormatProblem, parseGuarded, type FormatError, type ImportedDocument, type ParseResult } from './model';
import { requireFragmentsFit, requireReadableText, show, SourceText } from './source';

/** One layer of one document in an export. */
export interface SpanwiseExportLayer {
  info: LayerInfo;
  status: DocumentStatus;
  spans: Span[];
  /** Gold layers: the review items the adjudicator rejected, as `LayerDocument.rejected`. */
  rejected?: string[];
}

/** One document of an export with its layers, keyed by layer id. */
export interface SpanwiseExportDocument {
  document: DocumentRecord;
  layers: Record<string, SpanwiseExportLayer>;
}

/** The whole export file. */
export interface SpanwiseExport {
  format: 'spanwise-export';
  version: 1;
  project: { name: string; labels: LabelDef[] };
  documents: SpanwiseExportDocument[];
}

const offset = z.int().min(0);

const labelSchema = z.looseObject({
  name: z.string().min(1),
  color: z.string(),
  hotkeys: z.array(z.string()),
  definition: z.string(),
  attributes: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        type: z.enum(['enum', 'integer', 'date', 'text']),
        values: z.array(z.string()).optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

const spanSchema = z.looseObject({
  id: z.string().min(1),
  start: offset,
  end: offset,
  label: z.string().min(1),
  text: z.string(),
  annotator: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  note: z.string().optional(),
  fragments: z.array(z.tuple([offset, offset])).min(1).optional(),
  provenance: z.looseObject({ annotators: z.array(z.string()), adjudicator: z.string(), at: z.string() }).optional(),
  source: z.string().optional(),
  score: z.number().optional(),
});

const documentSchema: z.ZodType<SpanwiseExportDocument> = z.looseObject({
  document: z.looseObject({
    id: z.string().min(1),
    title: z.string(),
    text: z.string(),
    textHash: z.string(),
    meta: z.record(z.string(), z.string()),
    importedAt: z.string(),
  }),
  layers: z.record(
    z.string(),
    z.looseObject({
      info: z.looseObject({
        id: z.string().min(1),
        kind: z.enum(['annotator', 'gold', 'suggestions']),
        name: z.string(),
        createdAt: z.string(),
      }),
      status: z.enum(['new', 'in-progress', 'done']),
      spans: z.array(spanSchema),
      rejected: z.array(z.string().min(1)).optional(),
    }),
  ),
});

const headerSchema = z.looseObject({
  format: z.literal('spanwise-export'),
  version: z.literal(1),
  project: z.looseObject({ name: z.string(), labels: z.array(labelSchema) }),
});

const exportSchema: z.ZodType<SpanwiseExport> = headerSchema.extend({ documents: z.array(documentSchema) });

export type SpanwiseExportResult = { ok: true; data: SpanwiseExport } | { ok: false; error: FormatError };

/**
 * One layer's work on a document as an export holds it: the data, not the session (time spent,
 * update time and undo history stay behind). Suggestions a user turned down are left out too: they
 * only steer what the suggestion engine offers on this machine.
 */
export function exportLayer(info: LayerInfo, layer: LayerDocument): SpanwiseExportLayer {
  return { info, status: layer.status, spans: layer.spans, ...(layer.rejected && layer.rejected.length > 0 ? { rejected: layer.rejected } : {}) };
}

/** The export as JSON text. */
export function serializeSpanwise(data: SpanwiseExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Read an export exactly as written, checking its shape and every span against its text. */
export function parseSpanwiseExport(content: string, file: string): SpanwiseExportResult {
  const outcome = attempt(file, () => readExport(content));
  return outcome.ok ? { ok: true, data: outcome.value } : outcome;
}

/** Read an export as documents to import: each layer of each document becomes one imported layer. */
export function parseSpanwise(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    const data = readExport(content);
    const documents = data.documents.map(({ document, layers }): ImportedDocument => ({
      id: document.id,
      title: document.title,
      text: document.text,
      meta: document.meta,
      spans: [],
      layers: Object.fromEntries(
        Object.entries(layers).map(([id, layer]) => [
          id,
          { name: layer.info.name, kind: layer.info.kind, spans: layer.spans, status: layer.status, ...(layer.rejected ? { rejected: layer.rejected } : {}) },
        ]),
      ),
    }));
    return { ok: true, documents, labels: data.project.labels, warnings: [] };
  });
}

function readExport(content: string): SpanwiseExport {
  requireReadableText(content);
  const value = parseJsonText(content);
  if (isRecord(value)) requireExportFormat(value.format, 1);
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map(String).join('.');
    throw new FormatProblem(`${where || 'the file'}: ${issue.message}`, lineOfPath(content, issue.path));
  }
  const seen = new Set<string>();
  parsed.data.documents.forEach((doc, index) => checkDocument(doc, seen, (...path) => lineOfPath(content, ['documents', index, ...path])));
  return parsed.data;
}

/** Throws unless `format` (the top-level member) says the file is a Spanwise export. */
export function requireExportFormat(format: unknown, line: number): void {
  if (format !== 'spanwise-export') {
    throw new FormatProblem(`is not a Spanwise export ("format" is ${show(format)}, not "spanwise-export")`, line);
  }
}

/**
 * The top-level members of an export other than its documents, read apart from them (a file
 * too large to hold whole); `lines` says where each member starts.
 */
export function readExportHeader(members: Record<string, unknown>, lines: Record<string, number>): SpanwiseExport['project'] {
  requireExportFormat(members.format, lines.format ?? 1);
  const parsed = headerSchema.safeParse(members);
  if (parsed.success) return parsed.data.project;
  const issue = parsed.error.issues[0];
  const where = issue.path.map(String).join('.');
  throw new FormatProblem(`${where || 'the file'}: ${issue.message}`, lines[String(issue.path[0])] ?? 1);
}

/**
 * Document `index` of an export, given as its own JSON text starting on `firstLine` of the file
 * (a file too large to hold whole is read a document at a time). Checked as in a whole file:
 * problems name `documents.<index>` and the field, on their line. `seen` holds the ids read so far.
 */
export function readExportDocument(json: string, index: number, firstLine: number, seen: Set<string>): SpanwiseExportDocument {
  const value = parseJsonText(json, firstLine);
  const at = (...path: PropertyKey[]) => {
    const line = lineOfPath(json, path);
    return line === undefined ? firstLine : firstLine + line - 1;
  };
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormatProblem(`${['documents', index, ...issue.path].map(String).join('.')}: ${issue.message}`, at(...issue.path));
  }
  checkDocument(parsed.data, seen, at);
  return parsed.data;
}

/** The id is new, layers are filed under their own id, spans match the document's text. */
function checkDocument({ document, layers }: SpanwiseExportDocument, seen: Set<string>, at: (...path: PropertyKey[]) => number | undefined): void {
  if (seen.has(document.id)) throw new FormatProblem(`document id "${document.id}" appears twice`, at('document', 'id'));
  seen.add(document.id);
  if (document.text.includes('\r')) {
    throw new FormatProblem(`document "${document.id}": text holds a \\r; stored text has \\n line endings only`, at('document', 'text'));
  }
  const source = new SourceText(document.text);
  for (const [layerId, layer] of Object.entries(layers)) {
    if (layer.info.id !== layerId) {
      throw new FormatProblem(`layer "${layerId}" says its id is "${layer.info.id}"`, at('layers', layerId, 'info', 'id'));
    }
    layer.spans.forEach((span, spanIndex) => {
      // The common case, a span that fits its text, is told apart cheaply (900,000 spans in a
      // big export); the full check runs to say what is wrong, and on which line, only when not.
      const fits = span.start < span.end && span.end <= source.length && source.slice(span.start, span.end) === span.text;
      if (fits && !span.fragments) return;
      const what = `document "${document.id}", layer "${layerId}", span "${span.id}"`;
      try {
        source.span({ ...span, covered: span.text }, what);
        if (span.fragments) requireFragmentsFit(span.fragments, span, what, undefined);
      } catch (caught) {
        // Finding a line walks the text: done only for the span that is wrong.
        if (caught instanceof FormatProblem) throw new FormatProblem(caught.message, at('layers', layerId, 'spans', spanIndex));
        throw caught;
      }
    });
  }
}
