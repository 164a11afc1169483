/**
 * Exporting a project as a dataset (docs/formats.md, "Exporting"): the chosen annotations —
 * one annotator's layer, the gold layer or the majority of all annotators — of all documents
 * or those marked done, in one format, optionally split by document into train / validation
 * (/ test) with a manifest. Files are written atomically, never into the project, and never
 * into a folder holding other files unless the caller says so.
 */
import { mkdir, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  addCounts,
  countLabels,
  CURRENT,
  exportLabelOrder,
  firstLines,
  hfTags,
  isExportable,
  LAYERED_EXPORTS,
  MAJORITY,
  MANIFEST_NAME,
  splitNames,
  splitRenderer,
  TAGS_NAME,
  type ExportFormat,
  type ExportItem,
  type ExportLayerChoice,
  type ExportOptions,
  type ExportOutcome,
  type ExportPiece,
  type ExportPreview,
  type ExportPreviewOptions,
  type RenderContext,
  type SplitOptions,
} from '../shared/exporting';
import { splitDocuments } from '../shared/split';
import type { Annotator, CatalogEntry } from '../shared/types';
import { AtomicFileWriter, syncDirectory } from './atomic-file';
import { StoreError } from './errors';
import { layersRead, readItem, type BatchRead, type ExportChoice, type ExportSource, type ReadBatch } from './export-items';
import { renderHere, startRendering, type ExportRendering, type Prepared } from './export-rendering';
import { isInside } from './file-reading';
import { GOLD_LAYER } from './layers';
import { Project } from './project';

export interface ExportContext {
  /** The annotator using the app: what `current` means. */
  me: Annotator | null;
  /** Told what is going on during a long export (the CLI prints it). */
  onProgress?: (message: string) => void;
  /** Where the files are rendered, when not as `withRendering` chooses. */
  rendering?: () => Promise<ExportRendering>;
}

/** Documents read at once: enough to keep the disk busy, few enough that memory stays small. */
const BATCH = 32;
/** Documents above which an export is rendered on threads of its own. */
const THREADED_FROM = 4 * BATCH;
/** The longest preview text, for formats whose records are long lines. */
const PREVIEW_CHARACTERS = 8_000;
/** How often a long export says how far it got, in documents. */
const PROGRESS_EVERY = 1_000;

/** The first records of an export with these options, and what it would hold. */
export async function previewExport(project: Project, options: ExportPreviewOptions, context: ExportContext): Promise<ExportPreview> {
  // The first file, or the first but brat's annotation.conf, and enough of each for the preview.
  let first: string | null = null;
  let file: string | null = null;
  const starts = new Map<string, string>();
  const sink: ExportSink = {
    write: (piece) => {
      first ??= piece.name;
      if (file === null && !piece.name.endsWith('annotation.conf')) file = piece.name;
      if (piece.name !== file && piece.name !== first) return;
      const start = starts.get(piece.name) ?? '';
      if (start.length < PREVIEW_CHARACTERS) starts.set(piece.name, start + previewText(piece.content));
    },
    restart: () => {
      first = file = null;
      starts.clear();
    },
  };
  const run = await withRendering(project, context, (rendering) => runExport(project, options, context, rendering, sink));
  const shown = file ?? first ?? '';
  const spans = (group: Group) => Object.values(group.spanCounts).reduce((sum, count) => sum + count, 0);
  return {
    file: shown,
    text: firstLines((starts.get(shown) ?? '').slice(0, PREVIEW_CHARACTERS)),
    documents: run.groups.reduce((sum, group) => sum + group.documents.length, 0),
    spans: run.groups.reduce((sum, group) => sum + spans(group), 0),
    splits: run.groups.map((group) => ({ name: group.name, documents: group.documents.length, spans: spans(group) })),
    dropped: run.dropped,
    warnings: run.warnings,
    layers: layerChoices(project),
  };
}

/**
 * Write the export into `options.outDir`. Each file is written as its documents are read, a
 * batch at a time, into a temporary file beside it; only once every file is whole are they
 * renamed into place, so a failed export leaves no file behind, whole or partial.
 */
export async function exportData(project: Project, options: ExportOptions, context: ExportContext): Promise<ExportOutcome> {
  const outDir = await checkedOutDir(options.outDir, project.dir, options.overwrite ?? false);
  let files = new ExportFiles(outDir);
  const sink: ExportSink = {
    write: (piece) => files.add(piece),
    restart: async () => {
      await files.discard();
      files = new ExportFiles(outDir);
    },
  };
  try {
    const run = await withRendering(project, context, (rendering) => runExport(project, options, context, rendering, sink));
    const outcome: ExportOutcome = { outDir, files: [], documents: 0, dropped: run.dropped, warnings: run.warnings };
    outcome.documents = run.groups.reduce((sum, group) => sum + group.documents.length, 0);
    if (options.format === 'hf') await files.add({ name: TAGS_NAME, content: hfTags(run.labelOrder), complete: true });
    if (options.split && run.groups.length > 1) {
      outcome.manifest = {
        format: 'spanwise-dataset',
        version: 1,
        project: project.manifest.name,
        exportFormat: options.format,
        layer: run.layer,
        doneOnly: options.doneOnly ?? false,
        seed: options.split.seed,
        ratios: run.groups.map((group) => group.ratio),
        stratify: options.split.stratify,
        splits: run.groups.map(({ name, files: written, documents, spanCounts }) => ({ name, files: written, documents, spanCounts })),
      };
      await files.add({ name: MANIFEST_NAME, content: `${JSON.stringify(outcome.manifest, null, 2)}\n`, complete: true });
    }
    outcome.files = await files.commit();
    return outcome;
  } catch (error) {
    await files.discard();
    throw error;
  }
}

/**
 * The files of an export while it is written: each appears under its name only when `commit`
 * puts them all in place. Names come from document ids, which are safe; each is still checked
 * to lead nowhere outside the folder.
 */
class ExportFiles {
  readonly #writing = new Map<string, AtomicFileWriter>();
  /** Every file, in the order first written. */
  readonly #files: AtomicFileWriter[] = [];

  constructor(private readonly outDir: string) {}

  async add(piece: WrittenPiece): Promise<void> {
    let writer = this.#writing.get(piece.name);
    if (!writer) {
      const target = path.resolve(this.outDir, piece.name);
      if (!isInside(target, this.outDir) || target === this.outDir) throw new StoreError('internal', `An export file name leads outside ${this.outDir}: ${piece.name}`);
      await mkdir(path.dirname(target), { recursive: true });
      writer = await AtomicFileWriter.open(target);
      this.#writing.set(piece.name, writer);
      this.#files.push(writer);
    }
    if (piece.content.length > 0) await writer.write(piece.content);
    // Closed at once when whole, so an export of many small files (brat) holds few open.
    if (piece.complete) await writer.close();
  }

  /** Put every file in place; their paths in the order first written. */
  async commit(): Promise<string[]> {
    for (const writer of this.#files) await writer.close();
    for (const writer of this.#files) await writer.commit();
    for (const dir of new Set(this.#files.map((writer) => path.dirname(writer.file)))) await syncDirectory(dir);
    return this.#files.map((writer) => writer.file);
  }

  async discard(): Promise<void> {
    for (const writer of this.#files) await writer.discard();
  }
}

/** One split as written: its name, share, files, documents and span counts by label. */
interface Group {
  name: string;
  ratio: number;
  files: string[];
  documents: string[];
  spanCounts: Record<string, number>;
}

interface ExportRun {
  /** The layer as the manifest names it. */
  layer: string;
  labelOrder: readonly string[];
  groups: Group[];
  dropped: Record<string, number>;
  warnings: string[];
}

/** A piece of an export file: text, or text a rendering thread encoded. */
type WrittenPiece = ExportPiece<string | Uint8Array>;

/** Where the pieces of an export go, in order; `restart` forgets every piece written so far. */
interface ExportSink {
  write(piece: WrittenPiece): Promise<void> | void;
  restart(): Promise<void> | void;
}

/**
 * Run `work` with the context's rendering, let go of after: by default on threads of their own,
 * but here for a project of a few batches, for which starting them costs more than they save.
 */
async function withRendering<T>(project: Project, context: ExportContext, work: (rendering: ExportRendering) => Promise<T>): Promise<T> {
  const rendering = await (context.rendering ?? (project.catalog.size > THREADED_FROM ? startRendering : async () => renderHere()))();
  try {
    return await work(rendering);
  } finally {
    await rendering.close();
  }
}

/** The first characters of a piece, for a preview: enough bytes of encoded text for PREVIEW_CHARACTERS. */
function previewText(content: string | Uint8Array): string {
  // A UTF-8 character takes at most 4 bytes: a character cut at the end lies beyond what is kept.
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content.subarray(0, 4 * PREVIEW_CHARACTERS));
  return text.slice(0, PREVIEW_CHARACTERS);
}

/**
 * Render the export a batch of documents at a time, handing each piece of text to the sink in
 * order, so that memory holds a few batches however large the project. A split (and Hugging
 * Face's tag list, which every record numbers its tags by) needs the labels of every document
 * first: that pass reads the documents and the chosen layers, and keeps only their label counts.
 * A split that is not stratified needs only which documents go out; all of them, when none is
 * left out for being done or not, unless some cannot be read. So it is planned on that guess and
 * the documents are read once; should one be left out after all, the sink starts over and the
 * export is planned from what was read, as if it had not guessed.
 */
async function runExport(project: Project, options: ExportPreviewOptions, context: ExportContext, rendering: ExportRendering, sink: ExportSink): Promise<ExportRun> {
  const entries = project.catalog.entries();
  const split = options.split && options.split.ratios.length >= 2 ? options.split : null;
  if (split && !split.stratify && !options.doneOnly && options.format !== 'hf') {
    const reader = new ExportReader(project, options, context);
    const guessed = splitPlan(entries.map((entry) => ({ id: entry.id, labels: {} })), split);
    const run = await renderPlan(project, options, context, rendering, reader, guessed, [], sink);
    if (run.groups.reduce((sum, group) => sum + group.documents.length, 0) === entries.length) return finished(run, reader, entries);
    await sink.restart();
  }
  const reader = new ExportReader(project, options, context);
  let plan: Plan;
  let labelsUsed: Iterable<string> = [];
  if (split || options.format === 'hf') {
    const surveyed = await reader.survey(entries);
    labelsUsed = new Set(surveyed.flatMap((doc) => Object.keys(doc.labels)));
    plan = split ? splitPlan(surveyed, split) : [{ name: 'all', ratio: 1, ids: surveyed.map((doc) => doc.id) }];
  } else {
    plan = [{ name: 'all', ratio: 1, ids: entries.map((entry) => entry.id) }];
  }
  return finished(await renderPlan(project, options, context, rendering, reader, plan, labelsUsed, sink), reader, entries);
}

/** The run with the reader's warnings first, in document order, each said once. */
function finished(run: ExportRun, reader: ExportReader, entries: readonly CatalogEntry[]): ExportRun {
  return { ...run, warnings: [...new Set([...reader.warningsInOrder(entries), ...run.warnings])] };
}

/** The documents of each split (or of the whole export), by id, in the order written. */
type Plan = Array<{ name: string; ratio: number; ids: string[] }>;

/** Render and hand on the files of each split of a plan: batches are prepared while this thread reads the next and writes. */
async function renderPlan(
  project: Project,
  options: ExportPreviewOptions,
  context: ExportContext,
  rendering: ExportRendering,
  reader: ExportReader,
  plan: Plan,
  labelsUsed: Iterable<string>,
  sink: ExportSink,
): Promise<ExportRun> {
  const labels = project.manifest.labels;
  const render: RenderContext = { projectName: project.manifest.name, labels, labelOrder: exportLabelOrder(labelsUsed, labels) };
  const run: ExportRun = { layer: reader.layerId, labelOrder: render.labelOrder, groups: [], dropped: {}, warnings: [] };
  for (const { name, ratio, ids } of plan) {
    context.onProgress?.(`Writing ${ids.length} documents${plan.length > 1 ? ` of ${name}` : ''}…`);
    const renderer = splitRenderer(options.format, plan.length > 1 ? name : null, render);
    const group: Group = { name, ratio, files: [], documents: [], spanCounts: {} };
    const named = new Set<string>();
    const pieces = async (written: WrittenPiece[]) => {
      for (const piece of written) {
        if (!named.has(piece.name)) group.files.push(piece.name);
        named.add(piece.name);
        await sink.write(piece);
      }
    };
    // Batches being prepared, oldest first: one for each rendering thread, so that while this
    // thread adds and writes the oldest, and reads the next, the others are at work; two for
    // each when the threads read too, so that none waits for this thread to write.
    const preparing: Array<Promise<{ batch: Prepared; read: Pick<BatchRead, 'ids' | 'spanCounts'> }>> = [];
    const addOldest = async () => {
      const { batch, read } = await (preparing.shift() as (typeof preparing)[number]);
      group.documents.push(...read.ids);
      addCounts(group.spanCounts, read.spanCounts);
      await pieces(renderer.add(batch));
    };
    const inFlight = rendering.read ? 2 * rendering.threads : rendering.threads;
    for await (const { prepared } of preparedBatches(options.format, render, rendering, reader, ids)) {
      // Awaited in its turn; until then a failure must not count as unhandled.
      prepared.catch(() => undefined);
      preparing.push(prepared);
      if (preparing.length >= inFlight) await addOldest();
    }
    while (preparing.length > 0) await addOldest();
    const end = renderer.finish();
    await pieces(end.files);
    addCounts(run.dropped, end.dropped);
    run.warnings.push(...end.warnings);
    run.groups.push(group);
  }
  return run;
}

/**
 * The batches of these documents, prepared in order (boxed, so that the generator does not await
 * them): read by the rendering's threads when it has them, else here.
 */
async function* preparedBatches(
  format: ExportFormat,
  render: RenderContext,
  rendering: ExportRendering,
  reader: ExportReader,
  ids: readonly string[],
): AsyncGenerator<{ prepared: Promise<{ batch: Prepared; read: Pick<BatchRead, 'ids' | 'spanCounts'> }> }> {
  const read = rendering.read;
  if (read) {
    for (const prepared of reader.readOnThreads(ids, (batch) => read(format, render, batch))) yield { prepared };
    return;
  }
  for await (const items of reader.items(ids)) {
    const counts = { ids: items.map((item) => item.document.id), spanCounts: {} };
    for (const item of items) addCounts(counts.spanCounts, countLabels(item.spans));
    yield { prepared: rendering.prepare(format, render, items).then((batch) => ({ batch, read: counts })) };
  }
}

/** The documents of each split, by id; the split needs only each document's label counts. */
function splitPlan(documents: Surveyed[], split: SplitOptions): Plan {
  try {
    const names = splitNames(split.ratios.length);
    const result = splitDocuments(documents, split.ratios, split.seed, split.stratify);
    return result.splits.map((ids, index) => ({ name: names[index], ratio: result.manifest.ratios[index], ids }));
  } catch (error) {
    if (error instanceof RangeError) throw new StoreError('bad-request', `Cannot split: ${error.message}.`);
    throw error;
  }
}

/** The layers the dialog offers: yours first, then gold, the majority, the other annotators. */
function layerChoices(project: Project): ExportLayerChoice[] {
  const layers = project.layers.list().filter(isExportable);
  const gold = layers.find((layer) => layer.id === GOLD_LAYER);
  return [
    ...(gold ? [{ id: gold.id, name: gold.name, kind: gold.kind }] : []),
    { id: MAJORITY, name: 'Majority of annotators', kind: 'majority' },
    ...layers.filter((layer) => layer.kind === 'annotator').map((layer) => ({ id: layer.id, name: layer.name, kind: layer.kind })),
  ];
}

/** The output folder, absolute and checked: not the project, not inside it, empty unless overwriting. */
async function checkedOutDir(outDir: string, projectDir: string, overwrite: boolean): Promise<string> {
  if (!path.isAbsolute(outDir)) throw new StoreError('bad-request', `Give the full path of the folder to export into, not "${outDir}".`);
  const resolved = path.resolve(outDir);
  const real = await realpath(resolved).catch(() => resolved);
  const project = await realpath(projectDir).catch(() => path.resolve(projectDir));
  if (isInside(real, project)) {
    throw new StoreError('bad-request', `${resolved} is ${real === project ? 'the project folder itself' : 'inside the project folder'}; export into a folder of its own.`);
  }
  const names = await readdir(resolved).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new StoreError('bad-request', `${resolved} is a file, not a folder.`);
    throw error;
  });
  if (names.length > 0 && !overwrite) {
    throw new StoreError('conflict', `${resolved} already holds files; choose an empty or new folder, or allow replacing files (--overwrite).`);
  }
  await mkdir(resolved, { recursive: true });
  return resolved;
}

/** A document that goes out, as the split sees it: its id and the chosen spans' counts by label. */
interface Surveyed {
  id: string;
  labels: Record<string, number>;
}

/**
 * Reads what an export takes from the project: each document with the chosen spans (and every
 * exportable layer for the layered formats), in bounded batches, reading a layer file at most
 * once per document and no layer the export leaves out. What cannot be read is left out and
 * said in `warnings`, in document order.
 */
class ExportReader {
  readonly layerId: string;
  readonly choice: ExportChoice;
  /** What could not be read, by document. */
  readonly #warnings = new Map<string, Set<string>>();
  readonly #layered: boolean;
  readonly #source: ExportSource;

  constructor(
    private readonly project: Project,
    options: ExportPreviewOptions,
    private readonly context: ExportContext,
  ) {
    this.layerId = resolveLayer(project, options.layer, context.me);
    this.#layered = LAYERED_EXPORTS.has(options.format);
    const layers = project.layers.list();
    this.choice = {
      layerId: this.layerId,
      chosen: project.layers.info(this.layerId) ?? null,
      annotators: layers.filter((layer) => layer.kind === 'annotator'),
      exportable: layers.filter(isExportable),
      doneOnly: options.doneOnly ?? false,
    };
    this.#source = { document: (docId) => project.document(docId), layer: (layerId, docId) => project.layers.readThrough(layerId, docId) };
  }

  /**
   * The documents that go out and their label counts, for a split: the documents and the chosen
   * layers are read (so one that cannot be read takes no place in the split), and no more kept.
   */
  async survey(entries: readonly CatalogEntry[]): Promise<Surveyed[]> {
    const surveyed: Surveyed[] = [];
    for (let from = 0; from < entries.length; from += BATCH) {
      if (from > 0 && from % PROGRESS_EVERY === 0) this.context.onProgress?.(`Read ${from} of ${entries.length} documents…`);
      const batch = await Promise.all(entries.slice(from, from + BATCH).map((entry) => this.#item(entry.id, false)));
      for (const item of batch) if (item) surveyed.push({ id: item.document.id, labels: countLabels(item.spans) });
    }
    return surveyed;
  }

  /** The items of these documents in order, a batch at a time; the next batch is read while one is rendered. */
  async *items(ids: readonly string[]): AsyncGenerator<ExportItem[]> {
    const read = (from: number) => {
      const batch = Promise.all(ids.slice(from, from + BATCH).map((id) => this.#item(id, this.#layered)));
      // Awaited when its turn comes; until then a failure must not count as unhandled (the
      // export may stop first, on a failed write).
      batch.catch(() => undefined);
      return batch;
    };
    let next = ids.length > 0 ? read(0) : null;
    for (let from = 0; next; from += BATCH) {
      const batch = await next;
      next = from + BATCH < ids.length ? read(from + BATCH) : null;
      yield batch.filter((item) => item !== null);
    }
  }

  /**
   * The batches of these documents in order, each read and prepared by one of the rendering's
   * threads (`ExportRendering.read`), which read the files; a document some of whose layers the
   * project holds in memory is read here, through the project, where their newest version is.
   */
  *readOnThreads(ids: readonly string[], read: (batch: ReadBatch) => Promise<{ batch: Prepared; read: BatchRead }>): Generator<Promise<{ batch: Prepared; read: BatchRead }>> {
    const layers = layersRead(this.choice, this.#layered);
    for (let from = 0; from < ids.length; from += BATCH) {
      const entries = ids.slice(from, from + BATCH).map(async (id) => {
        const held = layers.some((layerId) => this.project.layers.holds(layerId, id));
        return held ? { id, item: await this.#item(id, this.#layered) } : { id };
      });
      yield Promise.all(entries).then(async (batch) => {
        const answer = await read({ projectDir: this.project.dir, choice: this.choice, everyLayer: this.#layered, entries: batch });
        for (const problem of answer.read.problems) this.project.problems.add(problem.file, problem.message);
        for (const [id, warning] of answer.read.warnings) this.warn(id, warning);
        return answer;
      });
    }
  }

  warn(id: string, warning: string): void {
    const said = this.#warnings.get(id) ?? new Set<string>();
    this.#warnings.set(id, said.add(warning));
  }

  /** What could not be read, in the order of these documents; each said once. */
  warningsInOrder(entries: readonly CatalogEntry[]): string[] {
    return entries.flatMap((entry) => [...(this.#warnings.get(entry.id) ?? [])]);
  }

  /** A document with its chosen spans, and with every exportable layer when `everyLayer`, read through the project. */
  #item(id: string, everyLayer: boolean): Promise<ExportItem | null> {
    return readItem(this.#source, this.choice, id, everyLayer, (warning) => this.warn(id, warning));
  }
}

/**
 * The layer id an export option names: `current` is the user's own, `gold` and `majority` are
 * themselves, otherwise a layer id or (for the command line) an annotator's display name.
 */
function resolveLayer(project: Project, wanted: string, me: Annotator | null): string {
  if (wanted === MAJORITY) return MAJORITY;
  if (wanted === CURRENT) {
    if (!me) throw new StoreError('bad-request', 'There is no current annotator: name a layer (an annotator, gold or majority) to export.');
    return me.id;
  }
  const info = project.layers.info(wanted);
  if (info && !isExportable(info)) {
    throw new StoreError('bad-request', `"${wanted}" is a pre-annotation layer of suggestions no one has confirmed; export an annotator's layer, gold or the majority.`);
  }
  if (info || wanted === GOLD_LAYER) return wanted;
  const exportable = project.layers.list().filter(isExportable);
  const named = exportable.filter((layer) => layer.name === wanted);
  if (named.length === 1) return named[0].id;
  const known = exportable.map((layer) => (layer.name === layer.id ? layer.id : `${layer.id} (${layer.name})`));
  const choices = [...known, MAJORITY].join(', ');
  throw new StoreError(
    'bad-request',
    named.length > 1 ? `Several layers are named "${wanted}"; give one of their ids: ${choices}.` : `This project has no layer "${wanted}"; the layers are: ${choices}.`,
  );
}

// ---- the command line ----------------------------------------------------------------------

/**
 * `spanwise export`: open the project in `projectDir` headless (read-only is enough: an export
 * writes outside it) and export it. `layer` may also be an annotator's display name.
 */
export async function exportProject(projectDir: string, options: ExportOptions, onProgress?: (message: string) => void): Promise<ExportOutcome> {
  const project = await Project.open(path.resolve(projectDir));
  try {
    return await exportData(project, options, { me: null, onProgress });
  } finally {
    await project.close();
  }
}

/** What an export wrote, for a terminal. */
export function formatExport(outcome: ExportOutcome): string {
  const lines = [`Exported ${outcome.documents} documents into ${outcome.outDir}:`, ...outcome.files.map((file) => `  ${path.relative(outcome.outDir, file)}`)];
  for (const split of outcome.manifest?.splits ?? []) {
    const spans = Object.entries(split.spanCounts).map(([label, count]) => `${label} ${count}`).join(', ');
    lines.push(`  ${split.name}: ${split.documents.length} documents${spans ? ` (${spans})` : ''}`);
  }
  const dropped = Object.entries(outcome.dropped);
  if (dropped.length > 0) lines.push(`Left out (the format holds one label per token): ${dropped.map(([label, count]) => `${label} ${count}`).join(', ')}`);
  for (const warning of outcome.warnings) lines.push(`Note: ${warning}`);
  return lines.join('\n');
}
