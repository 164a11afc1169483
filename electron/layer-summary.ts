/**
 * `layers/<layerId>/summary.json`: the status and span count of every document a layer has
 * worked on, so the document list of a large project opens without reading one file per
 * document. It is derived: rebuilt from the layer documents when missing, unreadable, out of
 * step with the folder, or possibly stale after a crash. Changes are written at most every
 * 300 ms, and on close.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { idSchema } from '../shared/apiSchemas';
import type { LayerDocument } from '../shared/types';
import { isTempFileName } from './atomic-file';
import { CorruptFileError } from './errors';
import type { FileProblems } from './file-problems';
import { layerDocumentSchema, summarySchema, type SummaryEntry, type SummaryFile } from './file-schemas';
import { JsonFile } from './json-file';

export const SUMMARY_FILE = 'summary.json';
export const LAYER_INFO_FILE = 'layer.json';
const SUMMARY_DELAY_MS = 300;
const PARALLEL_READS = 16;

export function summaryEntry(doc: LayerDocument): SummaryEntry {
  return { status: doc.status, spanCount: doc.spans.length };
}

/**
 * Whether a layer's entry for a document means its annotator worked on it: spans, or a status
 * they set. A layer document holding only the time the document was open is no work — a
 * reviewer reading the article is not one of its annotators.
 */
export function isWork(entry: SummaryEntry | undefined): boolean {
  return entry !== undefined && (entry.spanCount > 0 || entry.status !== 'new');
}

export interface SummaryOptions {
  projectDir: string;
  layerId: string;
  problems: FileProblems;
  readOnly: boolean;
  /** Rebuild from the layer documents even if the stored summary looks complete. */
  rebuild: boolean;
}

export class LayerSummary {
  readonly #entries: Map<string, SummaryEntry>;
  #timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly file: JsonFile<SummaryFile>,
    private readonly layerId: string,
    private readonly readOnly: boolean,
    entries: Map<string, SummaryEntry>,
  ) {
    this.#entries = entries;
  }

  static async load(options: SummaryOptions): Promise<LayerSummary> {
    const { projectDir, layerId, problems } = options;
    const file = new JsonFile({ root: projectDir, file: `layers/${layerId}/${SUMMARY_FILE}`, schema: summarySchema, derived: true });
    const stored = options.rebuild ? null : await file.read();
    const entries = new Map(Object.entries(stored?.documents ?? {}));
    const onDisk = await layerDocIds(path.join(projectDir, 'layers', layerId));
    let changed = stored === null;
    for (const id of entries.keys()) {
      if (!onDisk.has(id)) {
        entries.delete(id);
        changed = true;
      }
    }
    const unlisted = [...onDisk].filter((id) => !entries.has(id));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < unlisted.length) {
        const id = unlisted[next++]!;
        const doc = new JsonFile({ root: projectDir, file: `layers/${layerId}/${id}.json`, schema: layerDocumentSchema });
        try {
          const layerDoc = await doc.read();
          if (layerDoc) entries.set(id, summaryEntry(layerDoc));
        } catch (error) {
          if (!(error instanceof CorruptFileError)) throw error;
          problems.add(error.file, error.message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, unlisted.length) }, worker));
    changed ||= unlisted.length > 0;
    const summary = new LayerSummary(file, layerId, options.readOnly, entries);
    if (changed) summary.#schedule();
    return summary;
  }

  get(docId: string): SummaryEntry | undefined {
    return this.#entries.get(docId);
  }

  set(docId: string, entry: SummaryEntry): void {
    this.#entries.set(docId, entry);
    this.#schedule();
  }

  delete(docId: string): void {
    if (this.#entries.delete(docId)) this.#schedule();
  }

  /** Write pending changes now. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
      await this.file.write({
        format: 'spanwise-summary',
        version: 1,
        layer: this.layerId,
        documents: Object.fromEntries(this.#entries),
      });
    }
    await this.file.idle();
  }

  #schedule(): void {
    if (this.readOnly || this.#timer) return;
    this.#timer = setTimeout(() => {
      // A failed summary write loses nothing: it is rebuilt from the layer documents next time.
      this.flush().catch((error: unknown) => console.error(`Could not write ${this.file.file}`, error));
    }, SUMMARY_DELAY_MS);
    this.#timer.unref();
  }
}

/** The ids of the layer documents in a layer folder. */
export async function layerDocIds(dir: string): Promise<Set<string>> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return new Set(
    names
      .filter((name) => name.endsWith('.json') && name !== SUMMARY_FILE && name !== LAYER_INFO_FILE && !isTempFileName(name))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => idSchema.safeParse(id).success),
  );
}
