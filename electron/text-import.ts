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

/** What became of one input: why it cannot be a document, the document that has its text, or its new document. */
export type TextOutcome =
  | { kind: 'error'; problem: string }
  /** `text` and `hash` are the input's, line endings normalised: the existing document's too. */
  | { kind: 'duplicate'; existingId: string; text: string; hash: string }
  | { kind: 'new'; document: DocumentRecord };

/**
 * Checks inputs one at a time and builds their documents, each checked against the project and
 * the inputs before it, so an import can take its inputs as it reads them. Pure apart from hashing.
 */
export class TextPlanner {
  readonly #newIds = new Set<string>();
  readonly #newByHash = new Map<string, string>();

  constructor(
    private readonly known: KnownDocuments,
    private readonly now: string,
  ) {}

  /** Whether an earlier input made the document with this id. */
  made(id: string): boolean {
    return this.#newIds.has(id);
  }

  take(input: TextInput): TextOutcome {
    const problem = textProblem(input.text);
    if (problem) return { kind: 'error', problem };
    const text = normalizeLineEndings(input.text);
    const hash = textHash(text);
    const existingId = this.known.idOfText(hash) ?? this.#newByHash.get(hash);
    if (existingId !== undefined) return { kind: 'duplicate', existingId, text, hash };
    const taken = (candidate: string) => this.known.has(candidate) || this.#newIds.has(candidate);
    const id = input.id ?? freshId(hash, taken);
    if (taken(id)) return { kind: 'error', problem: `the project already has a document with id "${id}"` };
    this.#newIds.add(id);
    this.#newByHash.set(hash, id);
    return {
      kind: 'new',
      document: {
        id,
        title: input.title?.trim() || titleFromText(text) || input.name,
        text,
        textHash: hash,
        meta: { source: input.name, ...input.meta },
        importedAt: this.now,
      },
    };
  }
}

/** Check every input and build the documents to add. Pure apart from hashing. */
export function planImport(inputs: TextInput[], known: KnownDocuments, now: string): ImportPlan {
  const planner = new TextPlanner(known, now);
  const plan: ImportPlan = { documents: [], duplicates: [], errors: [], targets: [] };
  for (const input of inputs) {
    const outcome = planner.take(input);
    if (outcome.kind === 'error') {
      plan.errors.push({ file: input.name, message: `${input.name}: ${outcome.problem}` });
      plan.targets.push(undefined);
    } else if (outcome.kind === 'duplicate') {
      plan.duplicates.push({ name: input.name, existingId: outcome.existingId });
      plan.targets.push(outcome.existingId);
    } else {
      plan.documents.push(outcome.document);
      plan.targets.push(outcome.document.id);
    }
  }
  return plan;
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
