/**
 * The `layers/` folder of a project: who each layer belongs to (`layer.json`), each layer's
 * work per document (`<docId>.json`, read lazily and kept in a bounded cache) and each layer's
 * summary. A layer document that cannot be read is named as a problem and never written over.
 *
 * Two things outside Spanwise's control are handled here. Another program may change a layer
 * document while it is open (a sync tool, `git pull`): the cached copy is dropped and re-read
 * before it is used, and a write never replaces a version Spanwise has not seen. And the disk
 * may refuse a write (full, read-only): the new version stays in memory, is what readers see,
 * and is saved by `SaveRetry` once the disk takes it.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { ApiEvent } from '../shared/api';
import { idSchema } from '../shared/apiSchemas';
import type { LayerDocument, LayerInfo } from '../shared/types';
import { asidePath } from './aside-file';
import { writeFileAtomic, type AtomicWrite } from './atomic-file';
import type { Backups } from './backups';
import { CorruptFileError, FileChangedError, isRetryableWriteError, keptEditMessage, StoreError } from './errors';
import type { FileProblems } from './file-problems';
import { layerDocumentSchema, layerInfoSchema } from './file-schemas';
import { JsonFile, readTextFile, serializeJson } from './json-file';
import { layerFromText } from './layer-shape';
import { LAYER_INFO_FILE, LayerSummary, SUMMARY_FILE, summaryEntry } from './layer-summary';
import { LruCache } from './lru-cache';
import { SaveRetry } from './save-retry';

export const LAYERS_DIR = 'layers';
/** The id of the adjudicated layer. */
export const GOLD_LAYER = 'gold';
const CACHED_LAYER_DOCS = 256;

/** The path of a layer's work on a document, relative to the project folder. */
export function layerDocumentFile(layerId: string, docId: string): string {
  return `${LAYERS_DIR}/${layerId}/${docId}.json`;
}

interface CachedLayerDoc {
  file: JsonFile<LayerDocument>;
  /** null while the layer has no file for the document. */
  db: Low<LayerDocument> | null;
  /** True while the version in `db` is not on disk and waits for the disk to take it. */
  unsaved: boolean;
}

export interface LayersOptions {
  projectDir: string;
  problems: FileProblems;
  backups: Backups;
  readOnly: boolean;
  /** The last process to hold the project died: summaries may miss its last saves. */
  recovering: boolean;
  /** How files are replaced; tests pass one that fails like a full or read-only disk. */
  writeFile?: AtomicWrite;
  /** Where `documents-changed` (changes by other programs) and `save-status` (edits waiting) go. */
  emit?: (event: ApiEvent) => void;
  /** Delays between attempts to save edits the disk refused, in ms. */
  retryDelaysMs?: number[];
}

export class Layers {
  readonly #infos = new Map<string, LayerInfo>();
  readonly #docs = new LruCache<string, Promise<CachedLayerDoc>>(CACHED_LAYER_DOCS);
  readonly #writing = new Map<string, CachedLayerDoc>();
  readonly #summaries = new Map<string, Promise<LayerSummary>>();
  readonly #creating = new Map<string, Promise<void>>();
  readonly #retry: SaveRetry;

  private constructor(private readonly options: LayersOptions) {
    this.#retry = new SaveRetry({
      onStatus: (status) => this.#emit({ type: 'save-status', ...status }),
      describe: (error) => (error instanceof Error ? error.message : String(error)),
      delaysMs: options.retryDelaysMs,
    });
  }

  /** Find the project's layers and read who each belongs to. */
  static async load(options: LayersOptions): Promise<Layers> {
    const layers = new Layers(options);
    const root = path.join(options.projectDir, LAYERS_DIR);
    const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      if (!entry.isDirectory() || !idSchema.safeParse(entry.name).success) continue;
      layers.#infos.set(entry.name, await layers.#readInfo(entry.name));
    }
    return layers;
  }

  info(layerId: string): LayerInfo | undefined {
    return this.#infos.get(layerId);
  }

  list(): LayerInfo[] {
    return [...this.#infos.values()];
  }

  /**
   * The layer's work on a document, or null when it has none yet: the newest version, saved or
   * waiting to be saved. Throws CorruptFileError.
   */
  async read(layerId: string, docId: string): Promise<LayerDocument | null> {
    await this.reloadIfChanged(layerId, docId);
    return (await this.#cached(layerId, docId)).db?.data ?? null;
  }

  /**
   * `read` for a pass over many documents (an export): a document held in memory — open, or
   * with edits waiting for the disk — comes from there; any other is read from its file without
   * entering the cache, so the pass neither evicts what open documents need nor keeps what it
   * read. A file that cannot be read is named as a problem. Throws CorruptFileError.
   */
  async readThrough(layerId: string, docId: string): Promise<LayerDocument | null> {
    if (this.holds(layerId, docId)) return this.read(layerId, docId);
    const file = layerDocumentFile(layerId, docId);
    try {
      return layerFromText(file, await readTextFile(path.join(this.options.projectDir, file)));
    } catch (error) {
      if (error instanceof CorruptFileError) this.options.problems.add(error.file, error.message);
      throw error;
    }
  }

  /**
   * Whether the layer's work on a document is held in memory (open, or with edits waiting for
   * the disk), where its newest version is: elsewhere its file is.
   */
  holds(layerId: string, docId: string): boolean {
    const key = `${layerId}/${docId}`;
    return this.#writing.has(key) || this.#docs.get(key) !== undefined;
  }

  /** Edits the disk refused that wait in memory, and why the last attempt to save them failed. */
  get unsaved(): { pending: number; error?: string } {
    return { pending: this.#retry.size, ...(this.#retry.error !== undefined ? { error: this.#retry.error } : {}) };
  }

  /**
   * Drop the cached copy of a layer document if another program changed the file since it was
   * read, and tell the listeners. Returns whether it did. Unsaved edits on a file changed under
   * them are kept beside it (see `#setAside`), never written over the other program's version.
   */
  async reloadIfChanged(layerId: string, docId: string): Promise<boolean> {
    const key = `${layerId}/${docId}`;
    const cached = this.#writing.get(key) ?? (await this.#docs.get(key)?.catch(() => undefined));
    if (!cached || !(await cached.file.changedOnDisk())) return false;
    if (cached.unsaved) await this.#setAside(key, cached);
    this.#writing.delete(key);
    this.#docs.delete(key);
    await this.#summarise(layerId, docId);
    this.#emit({ type: 'documents-changed', docIds: [docId] });
    return true;
  }

  /**
   * A file or folder under `layers/` changed on disk (a folder watcher saw it): bring the cache,
   * the summary and the list of layers up to date, and tell the listeners what changed.
   * @param fileName the name inside the layer's folder, or null for the folder itself
   */
  async refresh(layerId: string, fileName: string | null): Promise<void> {
    if (!idSchema.safeParse(layerId).success) return;
    const known = this.#infos.get(layerId);
    if (!known || fileName === LAYER_INFO_FILE) {
      const info = await this.#readInfo(layerId);
      this.#infos.set(layerId, info);
      if (known?.name !== info.name || known.kind !== info.kind) this.#emit({ type: 'project-changed' });
      return;
    }
    if (fileName === null || fileName === SUMMARY_FILE || !fileName.endsWith('.json')) return;
    const docId = fileName.slice(0, -'.json'.length);
    if (!idSchema.safeParse(docId).success) return;
    const key = `${layerId}/${docId}`;
    if (this.#writing.has(key) || this.#docs.get(key)) {
      await this.reloadIfChanged(layerId, docId);
    } else if (await this.#summarise(layerId, docId)) {
      // Not cached, so not open anywhere: only the document list can show the change.
      this.#emit({ type: 'documents-changed', docIds: [docId] });
    }
  }

  /**
   * Save a new version of a layer document (creating the layer if it is new); resolves once it
   * is durable. When the disk refuses it for lack of space or permission, the version is kept in
   * memory and saved later, and this throws StoreError('io') saying so. When another program
   * changed the file since it was read, this throws FileChangedError and nothing is written. On
   * any other failure the cached version stays the one on disk.
   */
  async write(info: LayerInfo, doc: LayerDocument): Promise<void> {
    const summary = await this.summary(info.id);
    const key = `${info.id}/${doc.docId}`;
    const cached = await this.#cached(info.id, doc.docId);
    const db = cached.db ?? new Low(cached.file, doc);
    const previous = cached.db?.data;
    db.data = doc;
    cached.db = db;
    // Held outside the cache while writing, so an eviction never hides a version not yet on disk.
    this.#writing.set(key, cached);
    // The next edit is a good moment to try the saves that are waiting, whatever their file.
    if (this.#retry.size > 0) void this.#retry.retryNow();
    try {
      await this.#save(info, cached);
      cached.unsaved = false;
      this.#retry.saved(key);
    } catch (error) {
      if (isRetryableWriteError(error)) {
        cached.unsaved = true;
        summary.set(doc.docId, summaryEntry(doc));
        const message = keptEditMessage(cached.file.file, error);
        this.#retry.keep(key, () => this.#saveKept(key, info, cached), message);
        throw new StoreError('io', message);
      }
      if (error instanceof FileChangedError) {
        if (previous && cached.unsaved) {
          db.data = previous;
          await this.#setAside(key, cached);
        }
        this.#writing.delete(key);
        this.#docs.delete(key);
        throw error;
      }
      if (previous) db.data = previous;
      else cached.db = null;
      throw error;
    } finally {
      this.#release(key, cached);
    }
    summary.set(doc.docId, summaryEntry(doc));
  }

  /** The layer's summary, read (or rebuilt) on first use. */
  summary(layerId: string): Promise<LayerSummary> {
    let summary = this.#summaries.get(layerId);
    if (!summary) {
      const { projectDir, problems, readOnly, recovering } = this.options;
      summary = LayerSummary.load({ projectDir, layerId, problems, readOnly, rebuild: recovering });
      this.#summaries.set(layerId, summary);
      summary.catch(() => this.#summaries.delete(layerId));
    }
    return summary;
  }

  /**
   * Write what is pending: edits the disk refused (one last try), summaries, and wait for layer
   * documents still being written. Throws StoreError('io') when edits could still not be saved.
   */
  async close(): Promise<void> {
    this.#retry.stop();
    await this.#retry.retryNow();
    for (const cached of this.#writing.values()) await cached.file.idle();
    for (const summary of this.#summaries.values()) await (await summary).flush();
    const { pending, error } = this.unsaved;
    if (pending > 0) throw new StoreError('io', `${pending} edited document(s) could not be saved before closing the project: ${error}`);
  }

  #cached(layerId: string, docId: string): Promise<CachedLayerDoc> {
    const key = `${layerId}/${docId}`;
    const writing = this.#writing.get(key);
    if (writing) return Promise.resolve(writing);
    let cached = this.#docs.get(key);
    if (!cached) {
      cached = this.#load(layerId, docId);
      this.#docs.set(key, cached);
    }
    return cached;
  }

  async #load(layerId: string, docId: string): Promise<CachedLayerDoc> {
    const file = new JsonFile({
      root: this.options.projectDir,
      file: layerDocumentFile(layerId, docId),
      schema: layerDocumentSchema,
      backups: this.options.backups,
      refuseExternalChanges: true,
      writeFile: this.options.writeFile,
    });
    try {
      const data = await file.read();
      return { file, db: data ? new Low(file, data) : null, unsaved: false };
    } catch (error) {
      if (error instanceof CorruptFileError) this.options.problems.add(error.file, error.message);
      this.#docs.delete(`${layerId}/${docId}`);
      throw error;
    }
  }

  async #readInfo(layerId: string): Promise<LayerInfo> {
    const file = new JsonFile({ root: this.options.projectDir, file: `${LAYERS_DIR}/${layerId}/${LAYER_INFO_FILE}`, schema: layerInfoSchema });
    // Without a readable layer.json the folder is still someone's work: show it under its id.
    const fallback: LayerInfo = { id: layerId, kind: layerId === GOLD_LAYER ? 'gold' : 'annotator', name: layerId, createdAt: '' };
    try {
      const info = await file.read();
      return info ? { ...info, id: layerId } : fallback;
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      this.options.problems.add(error.file, error.message);
      return fallback;
    }
  }

  /** Create the layer (its folder and `layer.json`) on its first save. */
  #ensureLayer(info: LayerInfo): Promise<void> {
    if (this.#infos.has(info.id)) return Promise.resolve();
    let creating = this.#creating.get(info.id);
    if (!creating) {
      creating = this.#createLayer(info).finally(() => this.#creating.delete(info.id));
      this.#creating.set(info.id, creating);
    }
    return creating;
  }

  async #createLayer(info: LayerInfo): Promise<void> {
    const dir = path.join(this.options.projectDir, LAYERS_DIR, info.id);
    await mkdir(dir, { recursive: true });
    const file = new JsonFile({
      root: this.options.projectDir,
      file: `${LAYERS_DIR}/${info.id}/${LAYER_INFO_FILE}`,
      schema: layerInfoSchema,
      writeFile: this.options.writeFile,
    });
    await file.write(info);
    this.#infos.set(info.id, info);
  }

  async #save(info: LayerInfo, cached: CachedLayerDoc): Promise<void> {
    await this.#ensureLayer(info);
    if (cached.db) await cached.db.write();
  }

  /** One more attempt at a version the disk refused; `SaveRetry` calls it until it resolves. */
  async #saveKept(key: string, info: LayerInfo, cached: CachedLayerDoc): Promise<void> {
    if (!cached.unsaved) return;
    try {
      await this.#save(info, cached);
      cached.unsaved = false;
    } catch (error) {
      if (isRetryableWriteError(error)) throw new StoreError('io', keptEditMessage(cached.file.file, error));
      if (!(error instanceof FileChangedError)) throw error;
      await this.#setAside(key, cached);
      this.#writing.delete(key);
      this.#docs.delete(key);
      this.#emit({ type: 'documents-changed', docIds: [cached.db?.data.docId ?? key.slice(key.indexOf('/') + 1)] });
      return;
    }
    this.#release(key, cached);
  }

  /**
   * Unsaved edits whose file another program changed meanwhile can be neither written over
   * that version nor dropped: they go to `<file>.unsaved-<time>` beside it, named as a problem.
   */
  async #setAside(key: string, cached: CachedLayerDoc): Promise<void> {
    const data = cached.db?.data;
    if (data) {
      const aside = asidePath(cached.file.path, 'unsaved');
      await (this.options.writeFile ?? writeFileAtomic)(aside, serializeJson(data));
      const asideFile = `${cached.file.file}${aside.slice(cached.file.path.length)}`;
      this.options.problems.add(
        cached.file.file,
        `${cached.file.file} was changed by another program while your last edits to it could not be saved; ` +
          `Spanwise opened the other version and kept your edits in ${asideFile}.`,
      );
    }
    cached.unsaved = false;
    this.#retry.saved(key);
  }

  /** Let the cache evict a version once it is on disk and no write of it runs. */
  #release(key: string, cached: CachedLayerDoc): void {
    if (!cached.file.busy && !cached.unsaved && this.#writing.get(key) === cached) this.#writing.delete(key);
  }

  /** Bring the summary entry of one layer document in line with its file; whether it changed. */
  async #summarise(layerId: string, docId: string): Promise<boolean> {
    const summary = await this.summary(layerId);
    const before = summary.get(docId);
    let doc: LayerDocument | null;
    try {
      doc = (await this.#cached(layerId, docId)).db?.data ?? null;
    } catch (error) {
      if (error instanceof CorruptFileError) return true;
      throw error;
    }
    if (doc) summary.set(docId, summaryEntry(doc));
    else summary.delete(docId);
    const after = summary.get(docId);
    return before?.status !== after?.status || before?.spanCount !== after?.spanCount;
  }

  #emit(event: ApiEvent): void {
    this.options.emit?.(event);
  }
}

