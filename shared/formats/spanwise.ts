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

const exportSchema: z.ZodType<SpanwiseExport> = z.looseObject({
  format: z.literal('spanwise-export'),
  version: z.literal(1),
  project: z.looseObject({ name: z.string(), labels: z.array(labelSchema) }),
  documents: z.array(
    z.looseObject({
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
    }),
  ),
});

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
  if (isRecord(value) && value.format !== 'spanwise-export') {
    throw new FormatProblem(`is not a Spanwise export ("format" is ${show(value.format)}, not "spanwise-export")`, 1);
  }
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map(String).join('.');
    throw new FormatProblem(`${where || 'the file'}: ${issue.message}`, lineOfPath(content, issue.path));
  }
  checkDocuments(parsed.data, content);
  return parsed.data;
}

/** Ids are unique, layers are filed under their own id, spans match their document's text. */
function checkDocuments(data: SpanwiseExport, content: string): void {
  const seen = new Set<string>();
  data.documents.forEach(({ document, layers }, index) => {
    const at = (...path: PropertyKey[]) => lineOfPath(content, ['documents', index, ...path]);
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
        const line = at('layers', layerId, 'spans', spanIndex);
        const what = `document "${document.id}", layer "${layerId}", span "${span.id}"`;
        source.span({ ...span, covered: span.text }, what, line);
        if (span.fragments) requireFragmentsFit(span.fragments, span, what, line);
      });
    }
  });
}
