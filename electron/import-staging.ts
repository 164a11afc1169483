/**
 * How an import lands in a project all at once (docs/format.md, "Import is all or nothing").
 * Everything it adds is written, as the import reads it, into a staging folder inside the
 * project, `.spanwise/staging/<random>/`, where nothing reads it. A few writes are in flight at a
 * time, so the import reads on while the disk works and holds only those few files in memory.
 * Past a few hundred files the writes go, in batches, to a thread of their own
 * (electron/staged-files.ts), so that creating them runs beside the reading, on the other core.
 * The files are not flushed one by one: once all are written, one flush of the file system puts
 * them on disk together (`flush`). Only then is anything moved into the project: each new
 * document file, each new layer folder (whole) and each new file of an existing layer is renamed
 * into place — renames within one disk, quick and atomic each — and the folders are flushed.
 * Flushing before the first rename is what keeps a crash harmless: a file shows up in the project
 * only once its contents are on disk, so a kill or power cut at any moment leaves the project
 * without the import's files, or with whole ones; what is left in the staging folder is removed
 * by the next import. If a rename fails (a file appeared there meanwhile, say), what was already
 * moved is moved back, so the project is left exactly as it was. The catalog, which makes the
 * new documents part of the project, is written by the caller after `commit`; if that fails too,
 * `rollback` moves everything back.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DocumentRecord, LayerDocument, LayerInfo } from '../shared/types';
import { syncDirectory, writeFileAtomic, type AtomicWrite } from './atomic-file';
import { DOCUMENTS_DIR } from './documents';
import { StoreError } from './errors';
import type { FileStamp } from './file-stamp';
import { LAYER_INFO_FILE } from './layer-summary';
import { LAYERS_DIR } from './layers';
import { RequestThread } from './request-thread';
import { failureError, type StagedFile, type StagingReply, type StagingRequest } from './staged-files';
import { threadScript, type ThreadScript } from './thread-script';

// Enough file operations in flight to keep the disk busy while the import reads on, and few
// enough (in number and in size: articles can be large) that memory holds only these files.
const PARALLEL_WRITES = 16;
const WRITTEN_BYTES_IN_FLIGHT = 4 * 2 ** 20;
// A thread is worth starting for a large import only; a batch is large enough that handing it
// over costs little next to writing it, and small enough that several fit in flight.
const THREAD_AFTER_FILES = 256;
const BATCH_FILES = 64;
const BATCH_LENGTH = 2 ** 19;

/** How an import stage writes its files. */
export interface StagingOptions {
  /** Write each file through this, here, and never on a thread (tests that fail writes on purpose). */
  writeFile?: AtomicWrite;
  /** The writing thread's script (the built `staging-worker` entry by default); null for none. */
  thread?: ThreadScript | null;
  /** How many files are written here before the thread takes over. */
  threadAfter?: number;
}

type WritingThread = RequestThread<Omit<StagingRequest, 'id'>, StagingReply>;

/** Files gathered to hand to the thread at once, each with what to do with its stamp. */
interface Batch {
  files: StagedFile[];
  onStamp: Array<((stamp: FileStamp) => void) | undefined>;
  length: number;
}

const emptyBatch = (): Batch => ({ files: [], onStamp: [], length: 0 });

/** Where staging folders live, relative to the project folder. */
export const STAGING_DIR = '.spanwise/staging';

/** One layer document an import writes, into a layer that exists or that it makes. */
export interface ImportedWork {
  info: LayerInfo;
  /** Whether the layer is made by this import (its folder is moved in whole). */
  isNew: boolean;
  document: LayerDocument;
}

export class ImportStage {
  /** What `commit` moves, relative to the staging folder and to the project alike, in order. */
  readonly #entries: string[] = [];
  readonly #moved: string[] = [];
  readonly #folders = new Map<string, Promise<unknown>>();
  readonly #writing = new Set<Promise<void>>();
  /** The length of the text being written, in UTF-16 units (near enough to bytes for a bound). */
  #writingLength = 0;
  readonly #stamps = new Map<string, FileStamp>();
  readonly #newLayers = new Set<string>();
  readonly #layerFiles: Array<{ layer: string; docId: string }> = [];
  #failure: { error: unknown } | null = null;
  #unflushed = false;
  #documents = 0;
  #work = 0;
  #files = 0;
  #threadStart: Promise<void> | null = null;
  #thread: WritingThread | null = null;
  #batch = emptyBatch();

  private constructor(
    private readonly projectDir: string,
    private readonly dir: string,
    private readonly writeFile: AtomicWrite,
    private readonly threadWhen: { script: ThreadScript; after: number } | null,
  ) {}

  /**
   * A fresh staging folder in the project. Staging folders that an import killed mid-way left
   * behind are removed first: only this process (which holds the project's lock) imports.
   */
  static async create(projectDir: string, options: StagingOptions = {}): Promise<ImportStage> {
    const root = path.join(projectDir, STAGING_DIR);
    await rm(root, { recursive: true, force: true });
    const dir = path.join(root, randomBytes(6).toString('hex'));
    await mkdir(dir, { recursive: true });
    const script = options.writeFile || options.thread === null ? null : (options.thread ?? threadScript('staging-worker'));
    return new ImportStage(projectDir, dir, options.writeFile ?? writeFileAtomic, script ? { script, after: options.threadAfter ?? THREAD_AFTER_FILES } : null);
  }

  /** How many documents and layer files are staged. */
  get counts(): { documents: number; work: number } {
    return { documents: this.#documents, work: this.#work };
  }

  /** The layers this import makes, whose folders `commit` moves in whole. */
  get newLayers(): ReadonlySet<string> {
    return this.#newLayers;
  }

  /** The files it adds to layers that exist. */
  get layerFiles(): ReadonlyArray<{ layer: string; docId: string }> {
    return this.#layerFiles;
  }

  /** Whether the files staged from now on go to the writing thread (once its start, if begun, has ended). */
  async onThread(): Promise<boolean> {
    await this.#threadStart;
    return this.#thread !== null;
  }

  /** The stamp of a staged document's file, which its rename into the project keeps. */
  stampOf(docId: string): FileStamp | null {
    return this.#stamps.get(docId) ?? null;
  }

  /**
   * Stage a new document. Resolves once its write is under way (waiting while too many are);
   * throws the first write that failed, once no other write is running.
   */
  async addDocument(doc: DocumentRecord): Promise<void> {
    const relPath = `${DOCUMENTS_DIR}/${doc.id}.json`;
    this.#entries.push(relPath);
    this.#documents++;
    await this.#write(relPath, doc, (stamp) => this.#stamps.set(doc.id, stamp));
  }

  /** Stage a layer document, and the layer's `layer.json` with its first one when the layer is new. */
  async addWork({ info, isNew, document }: ImportedWork): Promise<void> {
    const layerDir = `${LAYERS_DIR}/${info.id}`;
    if (isNew && !this.#newLayers.has(info.id)) {
      this.#newLayers.add(info.id);
      this.#entries.push(layerDir);
      await this.#write(`${layerDir}/${LAYER_INFO_FILE}`, info);
    }
    const relPath = `${layerDir}/${document.docId}.json`;
    if (!isNew) {
      this.#entries.push(relPath);
      this.#layerFiles.push({ layer: info.id, docId: document.docId });
    }
    this.#work++;
    await this.#write(relPath, document);
  }

  /** Wait for every write, then put everything staged on disk at once. */
  async flush(): Promise<void> {
    await this.#settle();
    if (!this.#unflushed) return;
    await flushTree(this.dir);
    this.#unflushed = false;
  }

  /**
   * Flush, then move everything staged into the project. Nothing already there is ever replaced:
   * a target that exists fails the commit, and the moves made are undone before this throws.
   */
  async commit(): Promise<void> {
    await this.flush();
    const touched = new Set<string>();
    try {
      // One folder takes thousands of documents: it is made once, not once a document.
      for (const relPath of this.#entries) {
        const folder = path.dirname(this.#target(relPath));
        if (!touched.has(folder)) await mkdir(folder, { recursive: true });
        touched.add(folder);
      }
      let next = 0;
      let conflict: StoreError | null = null;
      const mover = async (): Promise<void> => {
        while (next < this.#entries.length && conflict === null) {
          const relPath = this.#entries[next++]!;
          const to = this.#target(relPath);
          if (await exists(to)) {
            conflict = new StoreError('conflict', `${relPath} appeared in the project while importing; nothing was imported. Try again.`);
            return;
          }
          await rename(path.join(this.dir, ...relPath.split('/')), to);
          this.#moved.push(relPath);
        }
      };
      // Every mover stops before the moves are undone, so none moves a file in after that.
      const outcomes = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL_WRITES, this.#entries.length) }, mover));
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
      if (conflict) throw conflict;
      for (const folder of touched) await syncDirectory(folder);
    } catch (error) {
      await this.rollback();
      throw error;
    }
  }

  /** Move what `commit` moved back into the staging folder, newest first. */
  async rollback(): Promise<void> {
    for (const relPath of this.#moved.splice(0).reverse()) {
      const to = this.#target(relPath);
      await rename(to, path.join(this.dir, ...relPath.split('/'))).catch(() => rm(to, { recursive: true, force: true }));
    }
  }

  /** Remove the staging folder, once no write goes on in it, and the staging root when no other import uses it. */
  async discard(): Promise<void> {
    await Promise.all(this.#writing);
    await this.#threadStart;
    await this.#thread?.close('The import is over.');
    await rm(this.dir, { recursive: true, force: true });
    const root = path.dirname(this.dir);
    if ((await readdir(root).catch(() => ['?'])).length === 0) await rm(root, { recursive: true, force: true });
  }

  async #write(relPath: string, data: unknown, onStamp?: (stamp: FileStamp) => void): Promise<void> {
    if (this.#failure) await this.#settle();
    const file = path.join(this.dir, ...relPath.split('/'));
    const text = `${JSON.stringify(data, null, 2)}\n`;
    this.#unflushed = true;
    if (this.threadWhen && this.#threadStart === null && ++this.#files > this.threadWhen.after) this.#threadStart = this.#startThread(this.threadWhen.script);
    if (this.#thread) {
      const batch = this.#batch;
      batch.files.push({ file, text, stamp: onStamp !== undefined });
      batch.onStamp.push(onStamp);
      batch.length += text.length;
      if (batch.files.length >= BATCH_FILES || batch.length >= BATCH_LENGTH) this.#sendBatch();
    } else {
      this.#track(text.length, () => this.#writeHere(file, text, onStamp));
    }
    while (this.#writing.size >= PARALLEL_WRITES || (this.#writingLength > WRITTEN_BYTES_IN_FLIGHT && this.#writing.size > 1)) await Promise.race(this.#writing);
    if (this.#failure) await this.#settle();
  }

  async #writeHere(file: string, text: string, onStamp?: (stamp: FileStamp) => void): Promise<void> {
    const folder = path.dirname(file);
    let made = this.#folders.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true });
      this.#folders.set(folder, made);
    }
    await made;
    const stamp = await this.writeFile(file, text, { staged: true });
    onStamp?.(stamp);
  }

  async #startThread(script: ThreadScript): Promise<void> {
    // Until it is ready, and should it not start at all, files are written here.
    this.#thread = await RequestThread.start<Omit<StagingRequest, 'id'>, StagingReply>(script, "The import's writing thread");
  }

  /** Hand the files gathered so far to the thread. */
  #sendBatch(): void {
    const thread = this.#thread;
    const batch = this.#batch;
    if (!thread || batch.files.length === 0) return;
    this.#batch = emptyBatch();
    this.#track(batch.length, async () => {
      const reply = await thread.request({ files: batch.files });
      if (!reply.ok) throw failureError(reply.failure);
      reply.stamps.forEach((stamp, index) => {
        if (stamp !== null) batch.onStamp[index]?.(stamp);
      });
    });
  }

  /** Count `write` among the writes in flight (`length` of text) until it ends; its failure is the import's. */
  #track(length: number, write: () => Promise<void>): void {
    this.#writingLength += length;
    const running: Promise<void> = write()
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => {
        this.#writing.delete(running);
        this.#writingLength -= length;
      });
    this.#writing.add(running);
  }

  /** Wait for the writes running (handing over the last batch first); then throw the first that failed, if one did. */
  async #settle(): Promise<void> {
    this.#sendBatch();
    await Promise.all(this.#writing);
    if (this.#failure) throw this.#failure.error;
  }

  #target(relPath: string): string {
    return path.join(this.projectDir, ...relPath.split('/'));
  }
}

/**
 * Put every file under `dir` on disk. One `sync -f` flushes the file system holding them in a
 * single call (Linux), where flushing 40,000 files one by one takes half a minute; elsewhere, or
 * when that command is missing, each file and folder is flushed in turn.
 */
async function flushTree(dir: string): Promise<void> {
  if (process.platform === 'linux') {
    const synced = await promisify(execFile)('sync', ['--file-system', dir]).then(
      () => true,
      () => false,
    );
    if (synced) return;
  }
  await flushEach(dir);
}

async function flushEach(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const folder of entries.filter((entry) => entry.isDirectory())) await flushEach(path.join(dir, folder.name));
  const files = entries.filter((entry) => !entry.isDirectory()).map((entry) => path.join(dir, entry.name));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const handle = await open(files[next++]!, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, files.length) }, worker));
  await syncDirectory(dir);
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
