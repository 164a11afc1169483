/**
 * The `layers/` folder of a project: who each layer belongs to (`layer.json`), each layer's
 * work per document (`<docId>.json`, read lazily and kept in a bounded cache) and each layer's
 * summary. A layer document that cannot be read is named as a problem and never written over.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { idSchema } from '../shared/api';
import type { LayerDocument, LayerInfo } from '../shared/types';
import type { Backups } from './backups';
import { CorruptFileError } from './errors';
import type { FileProblems } from './file-problems';
import { layerDocumentSchema, layerInfoSchema } from './file-schemas';
import { JsonFile } from './json-file';
import { LAYER_INFO_FILE, LayerSummary, summaryEntry } from './layer-summary';
import { LruCache } from './lru-cache';

export const LAYERS_DIR = 'layers';
/** The id of the adjudicated layer. */
export const GOLD_LAYER = 'gold';
const CACHED_LAYER_DOCS = 256;

interface CachedLayerDoc {
  file: JsonFile<LayerDocument>;
  /** null while the layer has no file for the document. */
  db: Low<LayerDocument> | null;
}

export interface LayersOptions {
  projectDir: string;
  problems: FileProblems;
  backups: Backups;
  readOnly: boolean;
  /** The last process to hold the project died: summaries may miss its last saves. */
  recovering: boolean;
}

export class Layers {
  readonly #infos = new Map<string, LayerInfo>();
  readonly #docs = new LruCache<string, Promise<CachedLayerDoc>>(CACHED_LAYER_DOCS);
  readonly #writing = new Map<string, CachedLayerDoc>();
  readonly #summaries = new Map<string, Promise<LayerSummary>>();

  private constructor(private readonly options: LayersOptions) {}

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

  /** The layer's work on a document, or null when it has none yet. Throws CorruptFileError. */
  async read(layerId: string, docId: string): Promise<LayerDocument | null> {
    return (await this.#cached(layerId, docId)).db?.data ?? null;
  }

  /**
   * Save a new version of a layer document (creating the layer if it is new); resolves once it
   * is durable. If the save fails, the cached version stays the one on disk.
   */
  async write(info: LayerInfo, doc: LayerDocument): Promise<void> {
    await this.#ensureLayer(info);
    const summary = await this.summary(info.id);
    const key = `${info.id}/${doc.docId}`;
    const cached = await this.#cached(info.id, doc.docId);
    const db = cached.db ?? new Low(cached.file, doc);
    const previous = cached.db?.data;
    db.data = doc;
    cached.db = db;
    // Held outside the cache while writing, so an eviction never hides a version not yet on disk.
    this.#writing.set(key, cached);
    try {
      await db.write();
    } catch (error) {
      if (previous) db.data = previous;
      else cached.db = null;
      throw error;
    } finally {
      if (!cached.file.busy) this.#writing.delete(key);
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

  /** Write what is pending: summaries, and wait for layer documents still being written. */
  async close(): Promise<void> {
    for (const cached of this.#writing.values()) await cached.file.idle();
    for (const summary of this.#summaries.values()) await (await summary).flush();
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
      file: `${LAYERS_DIR}/${layerId}/${docId}.json`,
      schema: layerDocumentSchema,
      backups: this.options.backups,
    });
    try {
      const data = await file.read();
      return { file, db: data ? new Low(file, data) : null };
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

  async #ensureLayer(info: LayerInfo): Promise<void> {
    if (this.#infos.has(info.id)) return;
    const dir = path.join(this.options.projectDir, LAYERS_DIR, info.id);
    await mkdir(dir, { recursive: true });
    const file = new JsonFile({ root: this.options.projectDir, file: `${LAYERS_DIR}/${info.id}/${LAYER_INFO_FILE}`, schema: layerInfoSchema });
    await file.write(info);
    this.#infos.set(info.id, info);
  }
}
