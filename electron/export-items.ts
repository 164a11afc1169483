/**
 * The items of an export (shared/exporting `ExportItem`): a document with the chosen spans —
 * one layer's, or the majority of the annotators' — and every exportable layer for the layered
 * formats, assembled from what an `ExportSource` reads. The service reads through the project
 * (what it holds in memory, else the files); an export's rendering threads read the files
 * themselves, synchronously, which costs a fifth of what reading them on the service's thread
 * does, and say which files could not be read, for the service to note as it would.
 */
import path from 'node:path';
import { addCounts, countLabels, MAJORITY, majorityOf, type AnnotatorWork, type ExportItem } from '../shared/exporting';
import { exportLayer, type SpanwiseExportLayer } from '../shared/formats/spanwise';
import type { DocumentRecord, DocumentStatus, LayerDocument, LayerInfo } from '../shared/types';
import { DOCUMENTS_DIR, readDocumentSync } from './documents';
import { CorruptFileError, StoreError } from './errors';
import { readTextFileSync } from './json-file';
import { layerFromText } from './layer-shape';
import { layerDocumentFile } from './layers';

/** Which layers an export takes (plain data, so that a thread can be told). */
export interface ExportChoice {
  /** A layer id, or MAJORITY. */
  layerId: string;
  /** The chosen layer, when it is one that exists. */
  chosen: LayerInfo | null;
  annotators: LayerInfo[];
  exportable: LayerInfo[];
  doneOnly: boolean;
}

/** Where an export's documents and layers come from. Both throw StoreError (CorruptFileError for a damaged file). */
export interface ExportSource {
  document(docId: string): Promise<DocumentRecord>;
  layer(layerId: string, docId: string): Promise<LayerDocument | null>;
}

/** The layers an item of this choice reads: the chosen ones, and every exportable one when `everyLayer`. */
export function layersRead(choice: ExportChoice, everyLayer: boolean): string[] {
  const chosen = choice.layerId === MAJORITY ? choice.annotators.map((info) => info.id) : choice.chosen ? [choice.chosen.id] : [];
  return [...new Set([...chosen, ...(everyLayer ? choice.exportable.map((info) => info.id) : [])])];
}

/**
 * A document with its chosen spans, and with every exportable layer when `everyLayer`; null
 * when it cannot be read or is left out for not being done. Each layer is read at most once.
 * What cannot be read is told to `warn`.
 */
export async function readItem(source: ExportSource, choice: ExportChoice, id: string, everyLayer: boolean, warn: (warning: string) => void): Promise<ExportItem | null> {
  let document: DocumentRecord;
  try {
    document = await source.document(id);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    warn(`${id} left out: ${error.message}`);
    return null;
  }
  const reads = new Map<string, Promise<LayerDocument | null>>();
  // A layer's work on the document, read once however often asked; null with a warning when it cannot be used.
  const read = (info: LayerInfo): Promise<LayerDocument | null> => {
    let layer = reads.get(info.id);
    if (!layer) {
      layer = source.layer(info.id, id).then(
        (found) => {
          if (!found || found.textHash === document.textHash) return found;
          warn(`${layerDocumentFile(info.id, id)} was made for another version of the text; its spans are left out`);
          return null;
        },
        (error: unknown) => {
          if (!(error instanceof CorruptFileError)) throw error;
          warn(`${error.file} could not be read; its spans are left out`);
          return null;
        },
      );
      reads.set(info.id, layer);
    }
    return layer;
  };
  const chosen = await chosenWork(choice, read);
  if (choice.doneOnly && chosen.status !== 'done') return null;
  const layers: Record<string, SpanwiseExportLayer> = {};
  if (everyLayer) {
    const found = await Promise.all(choice.exportable.map(read));
    choice.exportable.forEach((info, index) => {
      const layer = found[index];
      if (layer) layers[info.id] = exportLayer(info, layer);
    });
  }
  return { document, spans: [...chosen.spans], layers };
}

/** The chosen annotations of a document: one layer's, or the majority of the annotators'. */
async function chosenWork(choice: ExportChoice, read: (info: LayerInfo) => Promise<LayerDocument | null>): Promise<AnnotatorWork> {
  if (choice.layerId === MAJORITY) {
    const found = await Promise.all(choice.annotators.map(read));
    const work: Record<string, AnnotatorWork> = {};
    choice.annotators.forEach((info, index) => {
      const layer = found[index];
      if (layer && (layer.spans.length > 0 || layer.status !== 'new')) work[info.id] = layer;
    });
    return majorityOf(work);
  }
  const layer = choice.chosen ? await read(choice.chosen) : null;
  return { status: layer?.status ?? ('new' satisfies DocumentStatus), spans: layer?.spans ?? [] };
}

/** A file that could not be read, and why: for the service to note among the project's problems. */
export interface FileProblem {
  file: string;
  message: string;
}

/**
 * The project's files read synchronously, for a thread of its own. Files that cannot be read
 * are added to `problems` with the message the service notes when it reads them itself.
 */
export function fileSource(projectDir: string, problems: FileProblem[]): ExportSource {
  const noted = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof CorruptFileError) problems.push({ file: error.file, message: error.message });
      throw error;
    }
  };
  return {
    document: async (docId) => {
      const document = noted(() => readDocumentSync(projectDir, docId));
      if (!document) throw new StoreError('not-found', `The file of document "${docId}" is missing from ${DOCUMENTS_DIR}/.`);
      return document;
    },
    layer: async (layerId, docId) => {
      const file = layerDocumentFile(layerId, docId);
      return noted(() => layerFromText(file, readTextFileSync(path.join(projectDir, file))));
    },
  };
}

/** A batch of an export's documents for a thread to read. */
export interface ReadBatch {
  projectDir: string;
  choice: ExportChoice;
  everyLayer: boolean;
  /**
   * The documents in order. `item` is given (null when left out) for one whose layers the
   * service holds in memory, where their newest version is; the others are read from the files.
   */
  entries: Array<{ id: string; item?: ExportItem | null }>;
}

/** What reading a batch found, besides its items: for the service to count, warn of and note. */
export interface BatchRead {
  /** The documents that go out, in order. */
  ids: string[];
  /** Their chosen spans by label. */
  spanCounts: Record<string, number>;
  /** [document id, warning], in the order found. */
  warnings: Array<[string, string]>;
  problems: FileProblem[];
}

/** Read a batch from the project's files (on a thread of its own). */
export async function readBatch(batch: ReadBatch): Promise<{ items: ExportItem[]; read: BatchRead }> {
  const read: BatchRead = { ids: [], spanCounts: {}, warnings: [], problems: [] };
  const source = fileSource(batch.projectDir, read.problems);
  const items: ExportItem[] = [];
  for (const entry of batch.entries) {
    const item = entry.item !== undefined ? entry.item : await readItem(source, batch.choice, entry.id, batch.everyLayer, (warning) => read.warnings.push([entry.id, warning]));
    if (!item) continue;
    items.push(item);
    read.ids.push(item.document.id);
    addCounts(read.spanCounts, countLabels(item.spans));
  }
  return { items, read };
}
