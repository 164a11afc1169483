/**
 * A quick check of a layer document, for passes that read thousands of them (an export). Files
 * Spanwise wrote have one plain shape, which this recognises several times faster than the
 * schema (./file-schemas) checks it. It accepts only what the schema accepts; anything it does
 * not recognise — a damaged file, or one with undo history, attributes or fragments — goes to
 * the schema, which names the offending field.
 */
import type { LayerDocument } from '../shared/types';
import { CorruptFileError } from './errors';
import { layerDocumentSchema } from './file-schemas';
import { parseJson } from './json-file';

/**
 * A layer document file's text (null when the file is missing) parsed and checked: quickly when
 * plain, by the schema otherwise. Throws CorruptFileError naming `file` and the offending field.
 */
export function layerFromText(file: string, text: string | null): LayerDocument | null {
  if (text === null) return null;
  const quick = parseQuietly(text);
  if (isPlainLayerDocument(quick)) return quick;
  const parsed = parseJson(text, layerDocumentSchema);
  if (parsed.ok) return parsed.value;
  throw new CorruptFileError(file, parsed.reason);
}

/** JSON text parsed, or undefined when it is not JSON (the full check then says why). */
function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const STATUSES: ReadonlySet<unknown> = new Set(['new', 'in-progress', 'done']);
/** The span fields checked here; a span with any other goes to the schema. */
const PLAIN_SPAN_FIELDS: ReadonlySet<string> = new Set(['id', 'start', 'end', 'label', 'text', 'annotator', 'createdAt', 'updatedAt', 'note', 'source', 'score']);

/** True only for a layer document the schema accepts as it is; false says nothing either way. */
export function isPlainLayerDocument(value: unknown): value is LayerDocument {
  if (!isObject(value)) return false;
  return (
    value.format === 'spanwise-layer' &&
    value.version === 1 &&
    isFilled(value.docId) &&
    isFilled(value.layer) &&
    typeof value.textHash === 'string' &&
    STATUSES.has(value.status) &&
    isFilled(value.updatedAt) &&
    typeof value.timeSpentMs === 'number' &&
    Number.isFinite(value.timeSpentMs) &&
    value.timeSpentMs >= 0 &&
    isEmptyArray(value.undo) &&
    isEmptyArray(value.redo) &&
    value.rejectedSuggestions === undefined &&
    (value.rejected === undefined || (Array.isArray(value.rejected) && value.rejected.every((id) => typeof id === 'string'))) &&
    Array.isArray(value.spans) &&
    value.spans.every(isPlainSpan)
  );
}

function isPlainSpan(span: unknown): boolean {
  if (!isObject(span)) return false;
  for (const key in span) if (!PLAIN_SPAN_FIELDS.has(key)) return false;
  return (
    isFilled(span.id) &&
    isOffset(span.start) &&
    isOffset(span.end) &&
    span.start < span.end &&
    isFilled(span.label) &&
    typeof span.text === 'string' &&
    typeof span.annotator === 'string' &&
    isFilled(span.createdAt) &&
    (span.updatedAt === undefined || isFilled(span.updatedAt)) &&
    (span.note === undefined || typeof span.note === 'string') &&
    (span.source === undefined || typeof span.source === 'string') &&
    (span.score === undefined || (typeof span.score === 'number' && Number.isFinite(span.score)))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isOffset(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
