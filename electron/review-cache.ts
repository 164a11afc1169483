/**
 * `.spanwise/cache/review.json`: the review figures of each document as last worked out — the
 * counts agreement sums (`DocumentCounts`) and how many review items were open — with the stamps
 * of the layer files and the hash of the text they came from. It lets agreement over a large
 * project, and the review status in its document list, come without reading one file per
 * document per annotator again after a restart.
 *
 * It is derived: a figure is used only while every file it came from has the same stamp, and the
 * same annotators worked on the document; anything else (a missing, unreadable or older-format
 * file, one stale entry) is worked out again from the layer files and written back. The file can
 * be deleted at any time.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { COUNTS_VERSION, type DocumentCounts, type LabelCounts } from '../shared/agreement';
import { removeLeftoverTempFiles, writeFileAtomic } from './atomic-file';
import type { FileStamp } from './file-stamp';

export const REVIEW_CACHE_FILE = '.spanwise/cache/review.json';
const FORMAT = 'spanwise-review-cache';

/** What is kept of one document. */
export interface ReviewFigures {
  textHash: string;
  /** The stamp of each layer file the figures came from (its annotators' and gold); null: it had none. */
  stamps: Record<string, FileStamp | null>;
  /** Review items open on it. */
  open: number;
  counts: DocumentCounts;
}

// Each document's figures are kept as their own JSON text, in the file and in memory: for a large
// project, parsed they were tens of megabytes of small arrays held all the time the project is open.
const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(COUNTS_VERSION),
  documents: z.record(z.string(), z.string()),
});

export class ReviewCache {
  /** The figures of each document as JSON text, parsed only when asked for. */
  readonly #documents: Map<string, string>;
  #changed = false;
  #saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    documents: Map<string, string>,
  ) {
    this.#documents = documents;
  }

  /** The cache of the project in `projectDir`; empty when the file is missing or cannot be used. */
  static async load(projectDir: string): Promise<ReviewCache> {
    const file = path.join(projectDir, ...REVIEW_CACHE_FILE.split('/'));
    // Once, on opening, not before each save: a save of a cache still closing must keep its file.
    await removeLeftoverTempFiles(path.dirname(file));
    let documents = new Map<string, string>();
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) documents = new Map(Object.entries(parsed.data.documents));
    } catch {
      // Missing or not JSON: worked out again, like any derived file.
    }
    return new ReviewCache(file, documents);
  }

  /** The figures of a document, when they came from this text and exactly these layer files. */
  get(docId: string, textHash: string, stamps: Readonly<Record<string, FileStamp | null>>): ReviewFigures | undefined {
    // Each entry is checked only when asked for, and by hand: a schema library checking ten
    // thousand of them took over a second.
    const figures = this.#parsed(docId);
    return figures && figures.textHash === textHash && sameStamps(figures.stamps, stamps) ? figures : undefined;
  }

  /**
   * The counts of a document as last kept, whatever its files say now: for a document whose
   * figures `get` gave and that nothing has changed since (`forget`).
   */
  countsOf(docId: string): DocumentCounts | undefined {
    return this.#parsed(docId)?.counts;
  }

  set(docId: string, figures: ReviewFigures): void {
    this.#documents.set(docId, JSON.stringify(figures));
    this.#changed = true;
  }

  /** Forget what is kept of these documents. */
  forget(docIds: readonly string[]): void {
    for (const docId of docIds) this.#changed = this.#documents.delete(docId) || this.#changed;
  }

  /** Forget documents the project no longer has. */
  keepOnly(docIds: ReadonlySet<string>): void {
    for (const docId of this.#documents.keys()) {
      if (!docIds.has(docId)) {
        this.#documents.delete(docId);
        this.#changed = true;
      }
    }
  }

  /** Write the file if anything changed since it was read or last written; one write at a time. */
  save(): Promise<void> {
    this.#saving = this.#saving.catch(() => undefined).then(async () => {
      if (!this.#changed) return;
      this.#changed = false;
      await mkdir(path.dirname(this.file), { recursive: true });
      const documents = Object.fromEntries(this.#documents);
      try {
        await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, version: COUNTS_VERSION, documents }), { syncDir: false });
      } catch (error) {
        this.#changed = true;
        throw error;
      }
    });
    return this.#saving;
  }

  #parsed(docId: string): ReviewFigures | undefined {
    const text = this.#documents.get(docId);
    if (text === undefined) return undefined;
    let figures: unknown;
    try {
      figures = JSON.parse(text);
    } catch {
      return undefined;
    }
    return isFigures(figures) ? figures : undefined;
  }
}

/** Whether two sets of stamps name the same files with the same stamps. */
export function sameStamps(x: Readonly<Record<string, FileStamp | null>>, y: Readonly<Record<string, FileStamp | null>>): boolean {
  const files = Object.keys(x);
  return files.length === Object.keys(y).length && files.every((file) => Object.hasOwn(y, file) && x[file] === y[file]);
}

/** Whether a value read from the file is a whole, consistent `ReviewFigures`. */
function isFigures(value: unknown): value is ReviewFigures {
  if (!isObject(value) || typeof value.textHash !== 'string' || !isCount(value.open) || !isObject(value.stamps) || !isObject(value.counts)) return false;
  if (!Object.values(value.stamps).every((stamp) => stamp === null || typeof stamp === 'string')) return false;
  const { annotators, labels, tokens, pairs } = value.counts;
  if (!isStrings(annotators)) return false;
  const n = annotators.length;
  return (
    Array.isArray(labels) &&
    labels.length === n &&
    labels.every(isStrings) &&
    Array.isArray(tokens) &&
    tokens.every((row) => Array.isArray(row) && row.length === n + 1 && isCount(row[0]) && isStrings(row.slice(1))) &&
    Array.isArray(pairs) &&
    pairs.length === (n * (n - 1)) / 2 &&
    pairs.every((pair) => isObject(pair) && isLabelCounts(pair.exact) && isLabelCounts(pair.overlap))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((each) => typeof each === 'string');
}

function isLabelCounts(value: unknown): value is LabelCounts[] {
  return Array.isArray(value) && value.every((each) => Array.isArray(each) && each.length === 4 && typeof each[0] === 'string' && each.slice(1).every(isCount));
}
