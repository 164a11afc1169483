/**
 * Turning articles given as text into documents. Every input is checked before anything is
 * written, so an import either adds all its good new articles or, if any input is bad, none.
 */
import { normalizeLineEndings, titleFromText } from '../shared/text';
import type { DocumentRecord, FileProblem, ImportReport, TextInput } from '../shared/types';
import { textHash } from './text-hash';

/** What the project already holds, as far as an import needs to know. */
export interface KnownDocuments {
  has(id: string): boolean;
  /** The id of the document with exactly this text, if any. */
  idOfText(hash: string): string | undefined;
}

export interface ImportPlan {
  documents: DocumentRecord[];
  duplicates: ImportReport['duplicates'];
  errors: FileProblem[];
  /** By input: the id of the document it became, or of the one that already had its text; undefined for a bad input. */
  targets: Array<string | undefined>;
}

/** Check every input and build the documents to add. Pure apart from hashing. */
export function planImport(inputs: TextInput[], known: KnownDocuments, now: string): ImportPlan {
  const documents: DocumentRecord[] = [];
  const duplicates: ImportReport['duplicates'] = [];
  const errors: FileProblem[] = [];
  const targets: Array<string | undefined> = [];
  const newIds = new Set<string>();
  const newByHash = new Map<string, string>();
  for (const input of inputs) {
    const problem = textProblem(input.text);
    targets.push(undefined);
    if (problem) {
      errors.push({ file: input.name, message: `${input.name}: ${problem}` });
      continue;
    }
    const text = normalizeLineEndings(input.text);
    const hash = textHash(text);
    const existingId = known.idOfText(hash) ?? newByHash.get(hash);
    if (existingId !== undefined) {
      duplicates.push({ name: input.name, existingId });
      targets[targets.length - 1] = existingId;
      continue;
    }
    const id = input.id ?? freshId(hash, (candidate) => known.has(candidate) || newIds.has(candidate));
    if (known.has(id) || newIds.has(id)) {
      errors.push({ file: input.name, message: `${input.name}: the project already has a document with id "${id}"` });
      continue;
    }
    newIds.add(id);
    newByHash.set(hash, id);
    targets[targets.length - 1] = id;
    documents.push({
      id,
      title: input.title?.trim() || titleFromText(text) || input.name,
      text,
      textHash: hash,
      meta: { source: input.name, ...input.meta },
      importedAt: now,
    });
  }
  return { documents, duplicates, errors, targets };
}

/** Why a text cannot be a document, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'looks like a binary file (it holds NUL characters), not text';
  // With the u flag a proper pair is one astral code point; only unpaired halves match.
  if (/\p{Cs}/u.test(text)) return 'is not valid text (it holds unpaired UTF-16 surrogates)';
  if (text.trim() === '') return 'is empty';
  return null;
}

/** `d-` and the start of the text hash, lengthened until it is free. */
function freshId(hash: string, taken: (id: string) => boolean): string {
  for (let length = 12; length < hash.length; length += 4) {
    const id = `d-${hash.slice(0, length)}`;
    if (!taken(id)) return id;
  }
  return `d-${hash}`;
}
