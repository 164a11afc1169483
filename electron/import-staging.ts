/**
 * How an import lands in a project all at once (docs/format.md, "Import is all or nothing").
 * Everything it adds is first written and flushed into a staging folder inside the project,
 * `.spanwise/staging/<random>/`, where nothing reads it. Then each new document file, each new
 * layer folder (whole) and each new file of an existing layer is renamed into place — renames
 * within one disk, quick and atomic each — and the folders are flushed. If a rename fails (a
 * file appeared there meanwhile, say), what was already moved is moved back and the staging
 * folder removed, so the project is left exactly as it was. The catalog, which makes the new
 * documents part of the project, is written by the caller after `commit`; if that fails too,
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
import { LAYER_INFO_FILE } from './layer-summary';
import { LAYERS_DIR } from './layers';

// Enough writes in flight to overlap the disk's flushes without opening thousands of files.
const PARALLEL_WRITES = 8;

/** Where staging folders live, relative to the project folder. */
export const STAGING_DIR = '.spanwise/staging';

/** One layer document an import writes, into a layer that exists or that it makes. */
export interface ImportedWork {
  info: LayerInfo;
  /** Whether the layer is made by this import (its folder is moved in whole). */
  isNew: boolean;
  document: LayerDocument;
}

interface Move {
  from: string;
  to: string;
}

export class ImportStage {
  readonly #moved: Move[] = [];
  readonly #entries: Move[] = [];

  private constructor(
    private readonly projectDir: string,
    private readonly dir: string,
    private readonly writeFile: AtomicWrite,
  ) {}

  /**
   * A fresh staging folder in the project. Staging folders that an import killed mid-way left
   * behind are removed first: only this process (which holds the project's lock) imports.
   */
  static async create(projectDir: string, writeFile: AtomicWrite = writeFileAtomic): Promise<ImportStage> {
    const root = path.join(projectDir, STAGING_DIR);
    await rm(root, { recursive: true, force: true });
    const dir = path.join(root, randomBytes(6).toString('hex'));
    await mkdir(dir, { recursive: true });
    return new ImportStage(projectDir, dir, writeFile);
  }

  /** Write the documents and the layer work into the staging folder, flushed. */
  async write(documents: readonly DocumentRecord[], work: readonly ImportedWork[]): Promise<void> {
    const files: Array<{ relPath: string; data: unknown }> = [];
    for (const doc of documents) {
      files.push({ relPath: `${DOCUMENTS_DIR}/${doc.id}.json`, data: doc });
      this.#entries.push(this.#move(`${DOCUMENTS_DIR}/${doc.id}.json`));
    }
    const newLayers = new Set<string>();
    for (const { info, isNew, document } of work) {
      const layerDir = `${LAYERS_DIR}/${info.id}`;
      if (isNew && !newLayers.has(info.id)) {
        newLayers.add(info.id);
        files.push({ relPath: `${layerDir}/${LAYER_INFO_FILE}`, data: info });
        this.#entries.push(this.#move(layerDir));
      }
      files.push({ relPath: `${layerDir}/${document.docId}.json`, data: document });
      if (!isNew) this.#entries.push(this.#move(`${layerDir}/${document.docId}.json`));
    }
    const folders = [...new Set(files.map((file) => path.dirname(path.join(this.dir, file.relPath))))];
    for (const folder of folders) await mkdir(folder, { recursive: true });
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (next < files.length && !failed) {
        const { relPath, data } = files[next++]!;
        try {
          await this.writeFile(path.join(this.dir, relPath), `${JSON.stringify(data, null, 2)}\n`, { syncDir: false, flush: false });
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    // Every worker finishes before the first failure is reported, so nothing writes into a folder being removed.
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL_WRITES, files.length) }, worker));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    await flushAll(this.dir, files.map((file) => path.join(this.dir, file.relPath)));
    for (const folder of folders) await syncDirectory(folder);
  }

  /**
   * Move everything staged into the project. Nothing already there is ever replaced: a target
   * that exists fails the commit, and the moves made are undone before this throws.
   */
  async commit(): Promise<void> {
    const touched = new Set<string>();
    try {
      for (const move of this.#entries) {
        if (await exists(move.to)) {
          const relPath = path.relative(this.projectDir, move.to).split(path.sep).join('/');
          throw new StoreError('conflict', `${relPath} appeared in the project while importing; nothing was imported. Try again.`);
        }
        const folder = path.dirname(move.to);
        // One folder takes thousands of documents: it is made once, not once a document.
        if (!touched.has(folder)) await mkdir(folder, { recursive: true });
        await rename(move.from, move.to);
        this.#moved.push(move);
        touched.add(folder);
      }
      for (const folder of touched) await syncDirectory(folder);
    } catch (error) {
      await this.rollback();
      throw error;
    }
  }

  /** Move what `commit` moved back into the staging folder, newest first. */
  async rollback(): Promise<void> {
    for (const move of this.#moved.splice(0).reverse()) {
      await rename(move.to, move.from).catch(() => rm(move.to, { recursive: true, force: true }));
    }
  }

  /** Remove the staging folder, and the staging root when no other import uses it. */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    const root = path.dirname(this.dir);
    if ((await readdir(root).catch(() => ['?'])).length === 0) await rm(root, { recursive: true, force: true });
  }

  #move(relPath: string): Move {
    return { from: path.join(this.dir, relPath), to: path.join(this.projectDir, relPath) };
  }
}

/**
 * Put the staged files on disk. One `sync -f` flushes the file system holding them in a single
 * call (Linux), where flushing 40,000 files one by one takes half a minute; elsewhere, or when
 * that command is missing, each file is flushed in turn.
 */
async function flushAll(dir: string, files: readonly string[]): Promise<void> {
  if (process.platform === 'linux') {
    const synced = await promisify(execFile)('sync', ['--file-system', dir]).then(
      () => true,
      () => false,
    );
    if (synced) return;
  }
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
