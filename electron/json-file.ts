/**
 * The lowdb adapter for every JSON file Spanwise keeps. lowdb's own JSONFile neither flushes to
 * disk nor keeps backups, so this one writes through `writeFileAtomic`, keeps rotating backups,
 * queues writes per file, and checks what it reads against a schema. A file that cannot be read
 * is marked and never written over: its contents may be someone's only copy of their work.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import type { Backups } from './backups';
import { CorruptFileError, StoreError } from './errors';
import { SerialWriter } from './serial-writer';

export interface JsonFileOptions<T> {
  /** The folder `file` is relative to (a project or the data folder). */
  root: string;
  /** Path relative to `root`, with `/` separators; used in every message. */
  file: string;
  schema: z.ZodType<T>;
  /** Where to keep the previous versions; omitted for derived files, which can be rebuilt. */
  backups?: Backups;
  /**
   * Derived files (catalog, summaries) are rebuilt rather than protected: an unreadable one
   * reads as missing, and the next write replaces it.
   */
  derived?: boolean;
}

export class JsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly path: string;
  readonly #schema: z.ZodType<T>;
  readonly #backups: Backups | undefined;
  readonly #derived: boolean;
  readonly #writer: SerialWriter;
  #unreadable: string | null = null;

  constructor(options: JsonFileOptions<T>) {
    this.file = options.file;
    this.path = path.join(options.root, ...options.file.split('/'));
    this.#schema = options.schema;
    this.#backups = options.backups;
    this.#derived = options.derived ?? false;
    this.#writer = new SerialWriter((data) =>
      writeFileAtomic(this.path, data, {
        beforeReplace: this.#backups ? () => this.#backups!.keepCurrent(this.file) : undefined,
      }),
    );
  }

  /** Why the file could not be read, when it could not; such a file is never written. */
  get unreadable(): string | null {
    return this.#unreadable;
  }

  /** True while writes are running or queued. */
  get busy(): boolean {
    return this.#writer.busy;
  }

  /** The parsed contents, or null when the file does not exist. Throws CorruptFileError. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseJson(text, this.#schema);
    if (parsed.ok) {
      this.#unreadable = null;
      return parsed.value;
    }
    if (this.#derived) return null;
    this.#unreadable = parsed.reason;
    throw new CorruptFileError(this.file, parsed.reason);
  }

  /** Save `data`; resolves once it is durably on disk. Refused for a file that could not be read. */
  write(data: T): Promise<void> {
    if (this.#unreadable !== null) {
      return Promise.reject(
        new StoreError(
          'corrupt',
          `${this.file} could not be read (${this.#unreadable}), so Spanwise will not write over it. ` +
            'Repair or remove the file; its last good versions are in .spanwise/backups/.',
        ),
      );
    }
    return this.#writer.write(`${JSON.stringify(data, null, 2)}\n`);
  }

  /** Resolves once every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.#writer.idle();
  }
}

/** A lowdb database over a `JsonFile`, read once; `data` is `fallback` when the file is missing. */
export async function openJson<T>(file: JsonFile<T>, fallback: T): Promise<{ db: Low<T>; existed: boolean }> {
  const value = await file.read();
  const db = new Low<T>(file, value ?? fallback);
  return { db, existed: value !== null };
}

/** Parse and check JSON text; the reason names the offending field. */
export function parseJson<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    // A byte order mark is legal in a file a person saved from an editor, but not in JSON.
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, reason: text.trim() === '' ? 'the file is empty' : `invalid JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the contents';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'unexpected shape'}` };
}
