/**
 * `documents/<docId>.json`: the articles, written once on import and only read after. Reading
 * one checks its text against its recorded hash, since layer offsets index exactly that text.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentRecord } from '../shared/types';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import { CorruptFileError } from './errors';
import { documentSchema } from './file-schemas';
import { JsonFile } from './json-file';
import { textHash } from './text-hash';

export const DOCUMENTS_DIR = 'documents';

/** The path of a document relative to the project folder. */
export function documentFile(docId: string): string {
  return `${DOCUMENTS_DIR}/${docId}.json`;
}

/** Read and check one document; null when the file is missing. Throws CorruptFileError. */
export async function readDocument(projectDir: string, docId: string): Promise<DocumentRecord | null> {
  const file = documentFile(docId);
  const doc = await new JsonFile({ root: projectDir, file, schema: documentSchema }).read();
  if (doc === null) return null;
  if (doc.id !== docId) throw new CorruptFileError(file, `its id "${doc.id}" does not match its file name`);
  if (textHash(doc.text) !== doc.textHash) {
    throw new CorruptFileError(file, 'its text does not match its textHash, so it was changed after import');
  }
  return doc;
}

// Enough writes in flight to overlap the disk's flushes without opening thousands of files.
const PARALLEL_WRITES = 8;

/**
 * Write new documents, all or none: if one fails, those already written are removed again.
 * The folder is flushed once at the end rather than after every file.
 */
export async function writeDocuments(projectDir: string, docs: DocumentRecord[]): Promise<void> {
  const dir = path.join(projectDir, DOCUMENTS_DIR);
  const written: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < docs.length) {
      const doc = docs[next++]!;
      const target = path.join(dir, `${doc.id}.json`);
      await writeFileAtomic(target, `${JSON.stringify(doc, null, 2)}\n`, { syncDir: false });
      written.push(target);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, docs.length) }, worker));
    await syncDirectory(dir);
  } catch (error) {
    await Promise.all(written.map((file) => unlink(file).catch(() => undefined)));
    throw error;
  }
}
