/**
 * `documents/<docId>.json`: the articles, written once on import and only read after. Reading
 * one checks its text against its recorded hash, since layer offsets index exactly that text.
 */
import path from 'node:path';
import type { DocumentRecord } from '../shared/types';
import { CorruptFileError } from './errors';
import { documentSchema } from './file-schemas';
import { parseJson, readTextFile, readTextFileSync } from './json-file';
import { textHash } from './text-hash';

export const DOCUMENTS_DIR = 'documents';

/** The path of a document relative to the project folder. */
export function documentFile(docId: string): string {
  return `${DOCUMENTS_DIR}/${docId}.json`;
}

/** Read and check one document; null when the file is missing. Throws CorruptFileError. */
export async function readDocument(projectDir: string, docId: string): Promise<DocumentRecord | null> {
  return checkDocument(docId, await readTextFile(path.join(projectDir, documentFile(docId))));
}

/** `readDocument` for a worker thread, where a synchronous read is the cheapest. */
export function readDocumentSync(projectDir: string, docId: string): DocumentRecord | null {
  return checkDocument(docId, readTextFileSync(path.join(projectDir, documentFile(docId))));
}

/** A document file's text (null when missing) parsed and checked. Throws CorruptFileError. */
function checkDocument(docId: string, text: string | null): DocumentRecord | null {
  if (text === null) return null;
  const file = documentFile(docId);
  const parsed = parseJson(text, documentSchema);
  if (!parsed.ok) throw new CorruptFileError(file, parsed.reason);
  const doc = parsed.value;
  if (doc.id !== docId) throw new CorruptFileError(file, `its id "${doc.id}" does not match its file name`);
  if (textHash(doc.text) !== doc.textHash) {
    throw new CorruptFileError(file, 'its text does not match its textHash, so it was changed after import');
  }
  return doc;
}
