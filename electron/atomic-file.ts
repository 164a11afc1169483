/**
 * Crash-safe file replacement. A save writes a temporary file beside the target, flushes it to
 * the disk, then renames it over the target: rename is atomic within a folder, so after a crash
 * or power cut the target is either the whole old version or the whole new one, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { stampOf, type FileStamp } from './file-stamp';

export interface AtomicWriteOptions {
  /**
   * Flush the folder after the rename so the rename itself survives a power cut (default true).
   * Writers of many files turn it off and call `syncDirectory` once at the end.
   */
  syncDir?: boolean;
  /**
   * Write a new file straight under its name, with no temporary file and no flush; fails if the
   * file exists. Only for a folder nothing reads until its writer has flushed it whole, at once
   * (an import's staging folder): a crash meanwhile leaves only that folder, half-written.
   */
  staged?: boolean;
  /** Runs once the new version is on disk, just before it replaces the old one: keeps a backup. */
  beforeReplace?: () => Promise<void>;
}

/** How a file is replaced; `writeFileAtomic`, or a stand-in that fails on purpose in tests. */
export type AtomicWrite = (file: string, data: string | Uint8Array, options?: AtomicWriteOptions) => Promise<FileStamp>;

/**
 * Replace `file` with `data` atomically and durably; resolves only once both are on disk, with
 * the stamp of the new version (taken before the rename, so no other program can slip in between).
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<FileStamp> {
  if (options.staged) return writeStaged(file, data);
  const dir = path.dirname(file);
  const temp = tempPath(file);
  const handle = await open(temp, 'wx', 0o644);
  let stamp: FileStamp;
  try {
    await handle.writeFile(data);
    await handle.sync();
    // A rename keeps the inode, size and modification time, so this is the target's stamp after it.
    stamp = stampOf(await handle.stat({ bigint: true }));
  } catch (error) {
    await handle.close();
    await removeQuietly(temp);
    throw error;
  }
  await handle.close();
  try {
    await options.beforeReplace?.();
    await renameWithRetry(temp, file);
  } catch (error) {
    await removeQuietly(temp);
    throw error;
  }
  if (options.syncDir !== false) await syncDirectory(dir);
  return stamp;
}

async function writeStaged(file: string, data: string | Uint8Array): Promise<FileStamp> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    return stampOf(await handle.stat({ bigint: true }));
  } finally {
    await handle.close();
  }
}

/**
 * A file written piece by piece that appears under its name only once whole: the pieces go to a
 * temporary file beside it (named as `writeFileAtomic` names its own), `close` flushes that to
 * the disk, and `commit` renames it over the target. `discard` removes it instead.
 */
export class AtomicFileWriter {
  readonly #temp: string;
  #handle: FileHandle | null;

  private constructor(
    readonly file: string,
    temp: string,
    handle: FileHandle,
  ) {
    this.#temp = temp;
    this.#handle = handle;
  }

  static async open(file: string): Promise<AtomicFileWriter> {
    const temp = tempPath(file);
    return new AtomicFileWriter(file, temp, await open(temp, 'wx', 0o644));
  }

  /** Append `data` (text is written as UTF-8) to what was written so far. */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.#handle) throw new Error(`${this.file} was already closed`);
    await this.#handle.writeFile(data);
  }

  /** Flush the whole file to the disk and close it; nothing more can be written. */
  async close(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Put the file in place (closing it first if need be); the caller flushes the folder (`syncDirectory`). */
  async commit(): Promise<void> {
    await this.close();
    await renameWithRetry(this.#temp, this.file);
  }

  /** Remove the temporary file, written or not. */
  async discard(): Promise<void> {
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
    await removeQuietly(this.#temp);
  }
}

/** Flush a folder's entries (new names, renames) to the disk. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for flushing; NTFS journals renames itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A new name beside `file` for its next version while that is written. */
function tempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** True for names `writeFileAtomic` gives its temporary files, which a crash may leave behind. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Delete the temporary files that saves interrupted by a crash left in `dir`. Only for a folder
 * no other process is writing to (one whose project lock this process holds).
 */
export async function removeLeftoverTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter(isTempFileName).map((name) => removeQuietly(path.join(dir, name))));
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // On Windows a virus scanner or indexer briefly holding the target makes rename fail; it
  // lets go within milliseconds, so a few short retries turn a spurious failure into a save.
  const retries = process.platform === 'win32' ? 5 : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= retries || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

async function removeQuietly(file: string): Promise<void> {
  await unlink(file).catch(() => undefined);
}
