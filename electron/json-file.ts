/**
 * The lowdb adapter for every JSON file Spanwise keeps. lowdb's own JSONFile neither flushes to
 * disk nor keeps backups, so this one writes through `writeFileAtomic`, keeps rotating backups,
 * queues writes per file, and checks what it reads against a schema. A file that cannot be read
 * is marked and never written over: its contents may be someone's only copy of their work.
 */
import { readFile, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileAtomic, type AtomicWrite } from './atomic-file';
import type { Backups } from './backups';
import { CorruptFileError, FileChangedError, StoreError } from './errors';
import { currentStamp, stampOf, type FileStamp } from './file-stamp';
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
  /**
   * Refuse to write over a version that another program put there since this object last read
   * or wrote the file (a `FileChangedError`), for files a sync tool or `git pull` may bring.
   */
  refuseExternalChanges?: boolean;
  /** How the file is replaced; tests pass one that fails like a full or read-only disk. */
  writeFile?: AtomicWrite;
}

export class JsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly path: string;
  readonly #schema: z.ZodType<T>;
  readonly #backups: Backups | undefined;
  readonly #derived: boolean;
  readonly #refuseExternalChanges: boolean;
  readonly #writer: SerialWriter;
  #unreadable: string | null = null;
  /** The stamp of the version last read or written; null when it was missing, undefined before either. */
  #stamp: FileStamp | null | undefined = undefined;

  constructor(options: JsonFileOptions<T>) {
    this.file = options.file;
    this.path = path.join(options.root, ...options.file.split('/'));
    this.#schema = options.schema;
    this.#backups = options.backups;
    this.#derived = options.derived ?? false;
    this.#refuseExternalChanges = options.refuseExternalChanges ?? false;
    const writeFile = options.writeFile ?? writeFileAtomic;
    this.#writer = new SerialWriter(async (data) => {
      this.#stamp = await writeFile(this.path, data, { beforeReplace: () => this.#beforeReplace() });
    });
  }

  /** Why the file could not be read, when it could not; such a file is never written. */
  get unreadable(): string | null {
    return this.#unreadable;
  }

  /** True while writes are running or queued. */
  get busy(): boolean {
    return this.#writer.busy;
  }

  /**
   * Whether another program changed, created or removed the file since this object last read or
   * wrote it. False before the first read or write, and while a write of this object runs.
   */
  async changedOnDisk(): Promise<boolean> {
    if (this.#stamp === undefined || this.busy) return false;
    return (await currentStamp(this.path)) !== this.#stamp;
  }

  /** The parsed contents, or null when the file does not exist. Throws CorruptFileError. */
  async read(): Promise<T | null> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.#stamp = null;
      return null;
    }
    let text: string;
    try {
      // Stamp and contents from one open file, so the stamp is that of the version read.
      this.#stamp = stampOf(await handle.stat({ bigint: true }));
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
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
    return this.#writer.write(serializeJson(data));
  }

  /** Resolves once every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.#writer.idle();
  }

  async #beforeReplace(): Promise<void> {
    if (this.#refuseExternalChanges && this.#stamp !== undefined && (await currentStamp(this.path)) !== this.#stamp) {
      throw new FileChangedError(this.file);
    }
    await this.#backups?.keepCurrent(this.file);
  }
}

/**
 * Above this length (in characters, without indentation) a file is written without it: a long
 * article's layer (thousands of spans) is rewritten on every edit, and indenting it made it 40%
 * larger and its save slower, while a diff of it is unreadable either way.
 */
export const INDENTED_MAX_LENGTH = 256 * 1024;

/** A file's JSON text: indented by two spaces, as people read and diff it, unless it is large. */
export function serializeJson(data: unknown): string {
  const compact = JSON.stringify(data);
  return compact.length > INDENTED_MAX_LENGTH ? `${compact}\n` : `${JSON.stringify(data, null, 2)}\n`;
}

/** A lowdb database over a `JsonFile`, read once; `data` is `fallback` when the file is missing. */
export async function openJson<T>(file: JsonFile<T>, fallback: T): Promise<{ db: Low<T>; existed: boolean }> {
  const value = await file.read();
  const db = new Low<T>(file, value ?? fallback);
  return { db, existed: value !== null };
}

/**
 * A file's text, null when it does not exist: for passes that read thousands of small files.
 * `fs.readFile`'s callback form takes half the time of `fs/promises`' for such files.
 */
export function readTextFile(file: string): Promise<string | null> {
  return new Promise((resolve, reject) =>
    readFile(file, 'utf8', (error, text) => {
      if (!error) resolve(text);
      else if (error.code === 'ENOENT') resolve(null);
      else reject(error);
    }),
  );
}

/** `readTextFile` for a worker thread, where a synchronous read is the cheapest. */
export function readTextFileSync(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
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
