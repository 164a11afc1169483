/**
 * A JSON array of article records (or one record): the same records as JSONL (./jsonl), for
 * tools that write one JSON document. Errors name the line the bad record starts on.
 */
import { arrayElementLines, parseJsonText } from './jsontext';
import { documentToRecord, recordToDocument, type RecordShape } from './jsonl';
import { parseGuarded, type ExportDocument, type ParseResult } from './model';
import { requireReadableText } from './source';

/** Read a JSON array of records, or a single record object. */
export function parseJson(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const value = parseJsonText(content);
    const warnings = new Set<string>();
    if (!Array.isArray(value)) return { ok: true, documents: [recordToDocument(value, 1, warnings)], warnings: [...warnings] };
    const lines = arrayElementLines(content);
    const documents = value.map((record, index) => recordToDocument(record, lines[index], warnings));
    return { ok: true, documents, warnings: [...warnings] };
  });
}

/** Records as one pretty-printed JSON array, with spans in the given shape. */
export function serializeJson(items: ExportDocument[], shape: RecordShape): string {
  return `${JSON.stringify(items.map((item) => documentToRecord(item, shape)), null, 2)}\n`;
}
