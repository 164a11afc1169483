/**
 * Importing files into a project (docs/formats.md, "Importing"): plain text, Markdown, HTML,
 * Word, JSONL/JSON records, Spanwise and Label Studio exports, brat, CoNLL and Hugging Face
 * files, picked as files or folders (or dropped on a browser window). One pass reads and checks
 * everything and plans what would change — the preview; the import makes the same plan with the
 * label mapping the user settled and hands it to the project, which writes it all or nothing.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { idSchema, labelNameSchema } from '../shared/apiSchemas';
import { parseBrat } from '../shared/formats/brat';
import { parseHf, parseTagList } from '../shared/formats/hf';
import { detectFormat, parseFile } from '../shared/formats/index';
import { parseJsonText } from '../shared/formats/jsontext';
import { recordToDocument } from '../shared/formats/jsonl';
import { attempt, describeFormatError, FormatProblem, type FormatError, type ImportedDocument, type ImportedLayer, type ImportedSpan, type ParseResult } from '../shared/formats/model';
import { parsePlainText } from '../shared/formats/plaintext';
import { parseSpanwiseExport, type SpanwiseExportDocument } from '../shared/formats/spanwise';
import { replacementCount, undecodedReason } from '../shared/formats/source';
import {
  addedLabels,
  foreignLabels,
  jsonTooDeep,
  labelCounts,
  labelMapping,
  looksLikeConll,
  MAX_JSON_DEPTH,
  OVERLAP_EXAMPLES,
  storedSpan,
  withoutSameLabelOverlaps,
  type FileImportReport,
  type FilePreview,
  type ImportFormat,
  type ImportLayer,
  type ImportOptions,
  type ImportPreview,
  type OverlapExample,
  type UploadedFile,
} from '../shared/importing';
import { labelSchemaProblems } from '../shared/labelSchema';
import { mapLabels } from '../shared/labelmap';
import { sortSpans } from '../shared/spans';
import type { Annotator, CatalogEntry, DocumentRecord, FileProblem, LabelDef, LayerDocument, LayerInfo, LayerKind, Span } from '../shared/types';
import { catalogEntry } from './catalog';
import { CorruptFileError, StoreError } from './errors';
import { exportEntries } from './export-reading';
import { collectPaths, collectUploads, isUtf16, MAX_FILE_BYTES, MAX_STREAMED_FILE_BYTES, readDocx, readHead, readLines, readText, sizeProblem, type SourceFile, type SourceSet } from './file-reading';
import type { ImportStage } from './import-staging';
import { GOLD_LAYER } from './layers';
import { Project } from './project';
import { changeLabels } from './schema';
import { annotatorId } from './settings';
import { TextPlanner, type KnownDocuments } from './text-import';

/** The most documents one import adds: more is a job for several imports. */
export const MAX_IMPORT_DOCUMENTS = 100_000;

/** Where the files come from: picked paths, or files dropped on a browser window. */
export type ImportSource = { paths: readonly string[] } | { uploads: readonly UploadedFile[] };

export interface ImportContext {
  /** The annotator using the app: their own layer is written only when they pick it. */
  me: Annotator | null;
  /** Told what is going on during a long import (the CLI prints it). */
  onProgress?: (message: string) => void;
  now?: () => string;
}

/** Read and check everything, and say what an import would do, without writing anything. */
export async function previewImport(project: Project, source: ImportSource, options: ImportOptions, context: ImportContext): Promise<ImportPreview> {
  return (await planFiles(project, source, options, context, null)).preview;
}

/**
 * Import the files: all or nothing. With any file that cannot be read the report lists the
 * errors and the project is unchanged.
 */
export async function importFiles(project: Project, source: ImportSource, options: ImportOptions, context: ImportContext): Promise<FileImportReport> {
  return (await planAndImport(project, source, options, context)).report;
}

/**
 * Import, and hand back the preview the import was made from too. What the import adds is
 * staged as it is read, so memory holds a few documents at a time, never the import.
 */
async function planAndImport(
  project: Project,
  source: ImportSource,
  options: ImportOptions,
  context: ImportContext,
): Promise<{ preview: ImportPreview; report: FileImportReport }> {
  project.assertWritable();
  return project.runImport(async (stage) => {
    const plan = await planFiles(project, source, options, context, stage);
    const { preview } = plan;
    const report: FileImportReport = {
      added: [],
      duplicates: preview.duplicates,
      errors: preview.errors,
      newLabels: preview.newLabels,
      dropped: preview.dropped,
      overlapsDropped: preview.overlaps.count,
      layers: preview.layers,
      kept: preview.kept,
      skipped: preview.skipped,
      warnings: preview.warnings,
    };
    if (preview.errors.length === 0) {
      context.onProgress?.(`Writing ${stage.counts.documents} documents and ${stage.counts.work} layer files…`);
      // On disk before the schema changes: a flush that fails then has nothing to undo.
      await stage.flush();
      await withLabelsAdded(project, preview.newLabels, () => project.commitStaged(stage, plan.documents));
      report.added = plan.documents.map((doc) => doc.id);
    }
    return { preview, report };
  });
}

/**
 * Run `task` with `added` in the project's schema, so the spans it writes have their labels;
 * when it fails the schema is put back as it was, and the import has changed nothing.
 */
async function withLabelsAdded(project: Project, added: readonly LabelDef[], task: () => Promise<void>): Promise<void> {
  if (added.length === 0) return task();
  const before = project.manifest.labels;
  await changeLabels(project, [...before, ...added], {});
  try {
    await task();
  } catch (error) {
    await changeLabels(project, [...before], {});
    throw error;
  }
}

// ---- reading -------------------------------------------------------------------------------

/** A file of the import as the reader groups them: brat pairs, Hugging Face data with its tags. */
interface Unit {
  file: SourceFile;
  format: ImportFormat;
  /** brat: the `.txt` beside the `.ann`. */
  text?: SourceFile;
  /** Hugging Face: the `tags.json` beside the data. */
  tags?: SourceFile;
  error?: string;
}

/** One incoming document, with where it came from. */
interface Incoming {
  doc: ImportedDocument;
  file: string;
  /** 1-based within its file. */
  number: number;
  line?: number;
  /** A Spanwise export's stored record and layer infos, kept exactly. */
  record?: DocumentRecord;
  infos?: Record<string, LayerInfo>;
}

/** How reading a file ended: its warnings, or the error that voids all it gave. */
type ReadEnd = { warnings: string[] } | { error: FormatError };

/** A file's documents as they are read, then how reading it ended. */
type Reading = AsyncGenerator<Incoming, ReadEnd, undefined>;

/** Takes each document of a file as it is read; `many` says whether the file holds more than one. */
type TakeDocument = (item: Incoming, many: boolean, file: FilePreview) => Promise<void>;

const BRAT_CONFIGURATION = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

async function unitsOf(set: SourceSet, forced: ImportFormat | undefined): Promise<{ units: Unit[]; skipped: FileProblem[] }> {
  const byPlace = new Map(set.files.map((file) => [placeOf(file.folder, baseName(file.name)), file]));
  const sibling = (file: SourceFile, name: string) => byPlace.get(placeOf(file.folder, name));
  const units: Unit[] = [];
  const skipped = [...set.skipped];
  for (const file of set.files) {
    const name = baseName(file.name);
    const lower = name.toLowerCase();
    const stem = name.replace(/\.[^.]*$/, '');
    if (BRAT_CONFIGURATION.has(lower)) {
      skipped.push({ file: file.name, message: 'is a brat configuration file, not a document' });
      continue;
    }
    if (lower.endsWith('.ann') && (forced === undefined || forced === 'brat')) {
      const text = sibling(file, `${stem}.txt`);
      units.push(text ? { file, format: 'brat', text } : { file, format: 'brat', error: `has no text file ${stem}.txt beside it` });
      continue;
    }
    if (lower.endsWith('.txt') && sibling(file, `${stem}.ann`) && (forced === undefined || forced === 'brat')) continue;
    if (lower === 'tags.json' && [...byPlace.values()].some((other) => other.folder === file.folder && /\.jsonl$/i.test(other.name))) continue;
    if (lower.endsWith('.docx')) {
      units.push({ file, format: 'docx' });
      continue;
    }
    const head = await readHead(file);
    if (lower === 'manifest.json' && head.includes('"spanwise-dataset"')) {
      skipped.push({ file: file.name, message: 'is the manifest of a Spanwise dataset export, not a document' });
      continue;
    }
    let format: ImportFormat | null = forced === 'brat' ? 'text' : (forced ?? detectFormat(name, head));
    if (format === 'text' && forced === undefined && lower.endsWith('.txt') && looksLikeConll(head)) format = 'conll';
    if (format === null) {
      skipped.push({ file: file.name, message: 'is not a kind of file Spanwise imports (see the list of formats)' });
      continue;
    }
    units.push(format === 'hf' ? { file, format, tags: sibling(file, 'tags.json') } : { file, format });
  }
  return { units, skipped };
}

function placeOf(folder: string, name: string): string {
  return `${folder}\u0000${name}`;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * Read one file (or brat pair), handing its documents to `take` as they come, each once the
 * next is there (so `many` is known). Every failure becomes the file's error, with a preview
 * that counts nothing; `fed` says whether documents of it were taken before it failed.
 */
async function readDocuments(unit: Unit, labels: readonly LabelDef[], budget: { documents: number }, take: TakeDocument): Promise<{ preview: FilePreview; fed: boolean }> {
  const name = unit.file.name;
  const preview: FilePreview = { file: name, format: unit.format, documents: 0, duplicates: 0, spans: 0, spansByLabel: {}, warnings: [] };
  let fed = false;
  const fail = (error: FormatError, warnings: string[] = []) => ({ preview: { file: name, format: unit.format, documents: 0, duplicates: 0, spans: 0, spansByLabel: {}, warnings, error }, fed });
  if (unit.error) return fail({ file: name, message: unit.error });
  for (const file of [unit.file, unit.text, unit.tags]) {
    const problem = file ? sizeProblem(file, file === unit.file && streamed(unit) ? MAX_STREAMED_FILE_BYTES : MAX_FILE_BYTES) : null;
    if (file && problem) return fail({ file: file.name, message: problem });
  }
  const reading = readUnit(unit, labels);
  let count = 0;
  let held: Incoming | null = null;
  let end: ReadEnd;
  try {
    for (;;) {
      let next: IteratorResult<Incoming, ReadEnd>;
      try {
        next = await reading.next();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        end = { error: { file: name, message: `could not be read: ${reason}` } };
        break;
      }
      if (next.done) {
        end = next.value;
        break;
      }
      count++;
      for (const [label, spans] of labelCounts([next.value.doc])) {
        preview.spansByLabel[label] = (preview.spansByLabel[label] ?? 0) + spans;
        preview.spans += spans;
      }
      // Past the limit the file is read on only to find its own errors, which are told first.
      if (--budget.documents < 0) continue;
      if (held) {
        fed = true;
        await take(held, true, preview);
      }
      held = next.value;
    }
  } finally {
    // Closes the file when taking a document failed.
    await reading.return({ warnings: [] });
  }
  if ('error' in end) {
    // A file that cannot be read adds no documents, so it uses none of the limit.
    budget.documents += count;
    return fail(end.error);
  }
  if (budget.documents < 0) {
    return fail({ file: name, message: `brings the import past ${MAX_IMPORT_DOCUMENTS.toLocaleString('en')} documents, the most one import adds; import the files in parts` }, end.warnings);
  }
  if (held) {
    fed = true;
    await take(held, count > 1, preview);
  }
  preview.documents = count;
  preview.warnings = end.warnings;
  return { preview, fed };
}

/** Whether a file is read a record or document at a time, never whole, so it may be larger than one read whole. */
function streamed(unit: Unit): boolean {
  return unit.format === 'spanwise' || isRecordLines(unit);
}

function isRecordLines(unit: Unit): boolean {
  return (unit.format === 'jsonl' || unit.format === 'spacy') && !/\.json$/i.test(unit.file.name);
}

/** The documents of a file read whole, numbered, then its warnings; or its error. */
function* parsedDocuments(result: ParseResult, file: string): Generator<Incoming, ReadEnd, undefined> {
  if (!result.ok) return { error: result.error };
  for (const [index, doc] of result.documents.entries()) yield { doc, file, number: index + 1 };
  return { warnings: result.warnings };
}

async function* readUnit(unit: Unit, labels: readonly LabelDef[]): Reading {
  const name = unit.file.name;
  switch (unit.format) {
    case 'docx': {
      let text: string;
      try {
        text = await readDocx(unit.file);
      } catch (error) {
        // The disk's errors carry a code; the rest is the Word reader failing on the bytes.
        if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
        return { error: { file: name, message: 'is not a Word document that can be read: the file is damaged, or another kind of file named .docx' } };
      }
      return yield* parsedDocuments(parsePlainText(text, name), name);
    }
    case 'brat': {
      const textFile = unit.text as SourceFile;
      const result = parseBrat(await readText(unit.file), name, { text: await readText(textFile), labels });
      if (!result.ok) return { error: result.error };
      const stem = baseName(textFile.name).replace(/\.txt$/i, '');
      const docs = result.documents.map((doc) => ({ ...doc, id: stem, meta: { ...doc.meta, source: textFile.name } }));
      return yield* parsedDocuments({ ...result, documents: docs }, name);
    }
    case 'spanwise':
      return yield* readSpanwise(unit.file);
    case 'hf': {
      let tags: string[] | undefined;
      if (unit.tags) {
        const list = parseTagList(await readText(unit.tags), unit.tags.name);
        if (!list.ok) return { error: list.error };
        tags = list.tags;
      }
      return yield* parsedDocuments(parseHf(await readText(unit.file), name, { tags }), name);
    }
    case 'jsonl':
    case 'spacy':
      if (isRecordLines(unit)) return yield* readRecordLines(unit.file);
      break;
    default:
      break;
  }
  const content = await readText(unit.file);
  if (unit.format === 'jsonl' || unit.format === 'spacy' || unit.format === 'labelstudio') {
    const deep = jsonTooDeep(content);
    if (deep) return { error: tooDeep(name, deep.line) };
  }
  return yield* parsedDocuments(await parseFile(unit.format, content, name, { labels }), name);
}

function tooDeep(file: string, line: number): FormatError {
  return { file, line, message: `nests arrays or objects more than ${MAX_JSON_DEPTH.toLocaleString('en')} levels deep, which no article record does` };
}

/**
 * A Spanwise export, keeping its document records and layer infos exactly. Read a document at a
 * time (`exportEntries`), so an export larger than a file read whole comes back; only a
 * UTF-16 file, which Spanwise never writes, is read whole.
 */
async function* readSpanwise(file: SourceFile): Reading {
  if (await isUtf16(file)) {
    const problem = sizeProblem(file);
    if (problem) return { error: { file: file.name, message: problem } };
    return yield* readWholeSpanwise(file);
  }
  let count = 0;
  try {
    for await (const entry of exportEntries(file)) {
      if (count >= MAX_IMPORT_DOCUMENTS) return { error: tooManyDocuments(file.name, entry.line) };
      count++;
      yield exportedDocument(entry.value, file.name, entry.index);
    }
  } catch (caught) {
    if (caught instanceof FormatProblem) return { error: { file: file.name, ...(caught.line !== undefined ? { line: caught.line } : {}), message: caught.message } };
    throw caught;
  }
  return { warnings: [] };
}

async function* readWholeSpanwise(file: SourceFile): Reading {
  const content = await readText(file);
  const deep = jsonTooDeep(content);
  if (deep) return { error: tooDeep(file.name, deep.line) };
  const parsed = parseSpanwiseExport(content, file.name);
  if (!parsed.ok) return { error: parsed.error };
  for (const [index, entry] of parsed.data.documents.entries()) yield exportedDocument(entry, file.name, index);
  return { warnings: [] };
}

/** Document `index` (0-based) of an export as an incoming document, its record and layer infos kept. */
function exportedDocument({ document, layers }: SpanwiseExportDocument, file: string, index: number): Incoming {
  const importedLayers: Record<string, ImportedLayer> = {};
  const infos: Record<string, LayerInfo> = {};
  for (const [id, layer] of Object.entries(layers)) {
    importedLayers[id] = { name: layer.info.name, kind: layer.info.kind, spans: layer.spans, status: layer.status, ...(layer.rejected ? { rejected: layer.rejected } : {}) };
    infos[id] = layer.info;
  }
  const doc: ImportedDocument = { id: document.id, title: document.title, text: document.text, meta: document.meta, spans: [], layers: importedLayers };
  return { doc, file, number: index + 1, record: document, infos };
}

function tooManyDocuments(file: string, line: number): FormatError {
  return { file, line, message: `holds more than ${MAX_IMPORT_DOCUMENTS.toLocaleString('en')} records, the most one import adds; split the file` };
}

/**
 * JSONL records read a line at a time, so a file of a million lines never sits in memory as one
 * string. Each line is checked as `parseJsonl` checks the whole file.
 */
async function* readRecordLines(file: SourceFile): Reading {
  const warnings = new Set<string>();
  let lineNumber = 0;
  let count = 0;
  let replacements = 0;
  let characters = 0;
  let filled = false;
  for await (const line of readLines(file)) {
    lineNumber++;
    characters += line.length + 1;
    if (line.trim() === '') continue;
    filled = true;
    if (line.includes('\0')) return { error: { file: file.name, line: lineNumber, message: 'is a binary file, not text (it holds NUL bytes)' } };
    replacements += replacementCount(line);
    if (jsonTooDeep(line)) return { error: tooDeep(file.name, lineNumber) };
    if (count >= MAX_IMPORT_DOCUMENTS) return { error: tooManyDocuments(file.name, lineNumber) };
    const at = lineNumber;
    const outcome = attempt(file.name, () => recordToDocument(parseJsonText(line, at), at, warnings));
    if (!outcome.ok) return { error: outcome.error };
    count++;
    yield { doc: outcome.value, file: file.name, number: count, line: at };
  }
  const undecoded = undecodedReason(replacements, characters);
  if (undecoded) return { error: { file: file.name, message: undecoded } };
  if (!filled) return { error: { file: file.name, message: 'is empty' } };
  return { warnings: [...warnings] };
}

// ---- planning ------------------------------------------------------------------------------

interface Plan {
  preview: ImportPreview;
  /** The catalog entries of the new documents, which `stage` (when given) holds with their layer work. */
  documents: CatalogEntry[];
}

/**
 * Read and check every file, and plan what importing them does. With a staging folder, what the
 * import adds is written there as each document is planned, while no error has been found.
 */
async function planFiles(project: Project, source: ImportSource, options: ImportOptions, context: ImportContext, stage: ImportStage | null): Promise<Plan> {
  const now = context.now?.() ?? new Date().toISOString();
  const labels = project.manifest.labels;
  const names = labels.map((label) => label.name);
  for (const [from, to] of Object.entries(options.mapping ?? {})) {
    if (to !== null && !names.includes(to)) {
      throw new StoreError('bad-request', `Cannot map ${from} to ${to}: it is not a label of this project (${names.join(', ')}).`);
    }
  }
  const set = 'paths' in source ? await collectPaths(source.paths, project.dir) : collectUploads(source.uploads);
  const { units, skipped } = await unitsOf(set, options.format);
  if (units.length === 0) {
    const planner = new ImportPlanner(project, options, context.me, now, null);
    return planner.finish([], skipped, [{ file: set.files[0]?.name ?? 'the import', message: 'holds no file Spanwise can import' }]);
  }
  // A file found unreadable after some of its documents were planned spoils the plan: it is
  // made again without that file (and without writing, since the import cannot go ahead).
  const failed = new Map<Unit, FilePreview>();
  for (;;) {
    const planner = new ImportPlanner(project, options, context.me, now, failed.size === 0 ? stage : null);
    const budget = { documents: MAX_IMPORT_DOCUMENTS };
    const files: FilePreview[] = [];
    let spoilt = false;
    for (const unit of units) {
      const known = failed.get(unit);
      if (known) {
        files.push(known);
        continue;
      }
      context.onProgress?.(`Reading ${unit.file.name}…`);
      const { preview, fed } = await readDocuments(unit, labels, budget, (item, many, file) => planner.take(item, many, file));
      files.push(preview);
      if (preview.error) {
        failed.set(unit, preview);
        planner.stopWriting();
        spoilt ||= fed;
      }
    }
    if (!spoilt) return planner.finish(files, skipped, []);
  }
}

/**
 * Plans an import a document at a time, in the order the files give them, and keeps only what
 * the preview and the catalog need: counts, ids, and the examples and errors it reports. Each
 * document is mapped to the project's labels, rid of same-label overlaps, checked as a new text
 * or found to be a duplicate, and its spans are stored into their target layers; while nothing
 * has gone wrong, the document and its layer files are staged at once.
 */
class ImportPlanner {
  readonly #labels: readonly LabelDef[];
  readonly #preview: ImportPreview;
  readonly #texts: TextPlanner;
  readonly #known: KnownDocuments;
  readonly #layerTargets: LayerTargets;
  readonly #spanIds = spanIdMaker();
  /** Labels seen so far, and the mapping and schema that `mapLabels` resolves them with. */
  readonly #labelCounts = new Map<string, number>();
  readonly #mapping: Record<string, string> = {};
  readonly #mappedLabels: LabelDef[];
  readonly #ownIds = new Set<string>();
  readonly #taken = new Set<string>();
  readonly #layers = new Map<string, ImportLayer>();
  readonly #documents: CatalogEntry[] = [];
  readonly #textErrors: FormatError[] = [];
  readonly #workErrors: FormatError[] = [];

  constructor(
    private readonly project: Project,
    private readonly options: ImportOptions,
    me: Annotator | null,
    private readonly now: string,
    private stage: ImportStage | null,
  ) {
    this.#labels = project.manifest.labels;
    this.#mappedLabels = [...this.#labels];
    this.#known = project.knownDocuments();
    this.#texts = new TextPlanner(this.#known, now);
    this.#layerTargets = new LayerTargets(project, options, me, now);
    this.#preview = {
      files: [],
      skipped: [],
      newDocuments: 0,
      duplicates: [],
      foreignLabels: [],
      newLabels: [],
      dropped: {},
      overlaps: { count: 0, examples: [] },
      layers: [],
      kept: [],
      warnings: [],
      errors: [],
    };
  }

  /** Write nothing more: the import will not go ahead. */
  stopWriting(): void {
    this.stage = null;
  }

  /** Plan one document of `file`, and stage it while the import can still go ahead. */
  async take(item: Incoming, many: boolean, file: FilePreview): Promise<void> {
    const doc = this.#mapped(item);
    const known = this.#known;
    const usable = doc.id !== undefined && idSchema.safeParse(doc.id).success && !known.has(doc.id) && !this.#ownIds.has(doc.id);
    if (usable) this.#ownIds.add(doc.id as string);
    const name = many ? `${item.file} (document ${item.number})` : item.file;
    const outcome = this.#texts.take({
      name,
      text: doc.text,
      ...(doc.title !== undefined ? { title: doc.title } : {}),
      ...(usable ? { id: doc.id } : {}),
      meta: { source: item.file, ...doc.meta },
    });
    if (outcome.kind === 'error') {
      this.#textErrors.push({ file: item.file, message: `${name}: ${outcome.problem}` });
      this.stage = null;
      return;
    }
    let target: { id: string; text?: string; textHash?: string };
    if (outcome.kind === 'duplicate') {
      this.#preview.duplicates.push({ name, existingId: outcome.existingId });
      file.duplicates++;
      // A text this import adds already is that document's text, and has its hash.
      target = this.#texts.made(outcome.existingId) ? { id: outcome.existingId, text: outcome.text, textHash: outcome.hash } : { id: outcome.existingId };
    } else {
      let record = outcome.document;
      // A Spanwise export's record comes back as it was written: title, meta and import time.
      if (item.record && usable) record = { ...record, title: item.record.title, meta: item.record.meta, importedAt: item.record.importedAt };
      this.#documents.push(catalogEntry(record));
      await this.stage?.addDocument(record);
      target = { id: record.id, text: record.text, textHash: record.textHash };
    }
    await this.#planWork(item, doc, target);
  }

  /**
   * The preview of everything taken, with the files' previews, the entries passed over and
   * errors found before reading; and the new documents' catalog entries.
   */
  finish(files: FilePreview[], skipped: FileProblem[], unreadable: FormatError[]): Plan {
    const preview = this.#preview;
    preview.files = files;
    preview.skipped = skipped;
    preview.warnings = files.flatMap((file) => file.warnings.map((warning) => `${file.file}: ${warning}`));
    preview.newDocuments = this.#documents.length;
    preview.layers = [...this.#layers.values()];
    preview.foreignLabels = foreignLabels(this.#labelCounts, this.#labels, this.options.mapping, this.options.newLabels);
    preview.newLabels = addedLabels(preview.foreignLabels, this.#labels);
    preview.errors = [
      ...files.flatMap((file) => (file.error ? [file.error] : [])),
      ...unreadable,
      ...(unreadable.length > 0 ? [] : newLabelErrors(preview.newLabels, this.#labels, files)),
      ...this.#textErrors,
      ...this.#workErrors,
    ];
    return { preview, documents: this.#documents };
  }

  /** The document with its spans on the project's labels, without same-label overlaps. */
  #mapped(item: Incoming): ImportedDocument {
    const counts = labelCounts([item.doc]);
    const unseen = new Map<string, number>();
    for (const [label, spans] of counts) {
      if (!this.#labelCounts.has(label)) unseen.set(label, spans);
      this.#labelCounts.set(label, (this.#labelCounts.get(label) ?? 0) + spans);
    }
    if (unseen.size > 0) {
      // A label's target depends on the label alone, so each is settled when it first turns up.
      const foreign = foreignLabels(unseen, this.#labels, this.options.mapping, this.options.newLabels);
      Object.assign(this.#mapping, labelMapping(foreign));
      this.#mappedLabels.push(...addedLabels(foreign, this.#mappedLabels));
    }
    const mapped = mapLabels([item.doc], this.#mapping, this.#mappedLabels);
    for (const [label, count] of Object.entries(mapped.dropped)) this.#preview.dropped[label] = (this.#preview.dropped[label] ?? 0) + count;
    return withoutOverlaps(mapped.docs[0]!, item, this.#preview);
  }

  /** Where the document's spans go (`target` is the document it became or duplicates), and stage what that writes. */
  async #planWork(item: Incoming, doc: ImportedDocument, target: { id: string; text?: string; textHash?: string }): Promise<void> {
    const { project, now } = this;
    const docId = target.id;
    const sets: Array<{ target: { info: LayerInfo; isNew: boolean }; spans: Array<ImportedSpan | Span>; status: LayerDocument['status']; rejected?: string[] }> = [];
    if (doc.spans.length > 0) sets.push({ target: this.#layerTargets.forFile(item.file), spans: doc.spans, status: 'done' });
    for (const [id, layer] of Object.entries(doc.layers ?? {})) {
      sets.push({ target: this.#layerTargets.forLayer(id, layer, item.infos?.[id]), spans: layer.spans, status: layer.status ?? 'done', rejected: layer.rejected });
    }
    if (sets.length === 0) return;
    const isNewDocument = target.text !== undefined;
    const text = target.text ?? (await project.document(docId)).text;
    const textHash = target.textHash ?? project.catalog.get(docId)?.textHash ?? '';
    for (const { target: layerTarget, spans, status, rejected } of sets) {
      const { info } = layerTarget;
      const key = `${info.id}/${docId}`;
      const keep = (reason: string) => this.#preview.kept.push({ layer: info.name, document: docId, reason });
      if (this.#taken.has(key)) {
        keep(`${item.file} brings work on it that an earlier file of this import brought already`);
        continue;
      }
      this.#taken.add(key);
      if (!isNewDocument && !layerTarget.isNew) {
        const reason = await existingWork(project, info.id, docId);
        if (reason) {
          // Someone's updated Spanwise export is a merge's job: it replaces their layer's work.
          keep(item.record && info.kind === 'annotator' ? `${reason}; to bring in an updated version of it, use “Bring in other annotators’ work” (M in review, or spanwise merge)` : reason);
          continue;
        }
      }
      const stored = storeSpans(text, spans, info.id, now, this.#spanIds);
      if (typeof stored === 'string') {
        this.#workErrors.push({ file: item.file, ...(item.line !== undefined ? { line: item.line } : {}), message: `document ${item.number}: ${stored}` });
        this.stage = null;
        continue;
      }
      await this.stage?.addWork({
        info,
        isNew: layerTarget.isNew,
        document: {
          format: 'spanwise-layer',
          version: 1,
          docId,
          layer: info.id,
          textHash,
          status,
          spans: stored,
          updatedAt: now,
          timeSpentMs: 0,
          undo: [],
          redo: [],
          // Only gold settles review items; what another kind of layer says it rejected means nothing.
          ...(info.kind === 'gold' && rejected && rejected.length > 0 ? { rejected: [...rejected] } : {}),
        },
      });
      const entry = this.#layers.get(info.id) ?? { id: info.id, name: info.name, kind: info.kind, isNew: layerTarget.isNew, documents: 0, spans: 0 };
      entry.documents++;
      entry.spans += stored.length;
      this.#layers.set(info.id, entry);
    }
  }
}

/** Why labels to be added cannot join the schema, each error naming the first file using the label. */
function newLabelErrors(added: readonly LabelDef[], labels: readonly LabelDef[], files: readonly FilePreview[]): FormatError[] {
  const fileOf = (label: string) => files.find((file) => Object.hasOwn(file.spansByLabel, label))?.file ?? 'the import';
  const errors = added.flatMap((label) => {
    const name = labelNameSchema.safeParse(label.name);
    return name.success ? [] : [{ file: fileOf(label.name), message: `label "${label.name}" cannot be added to the project: a label name ${name.error.issues[0].message}; map it to a project label instead` }];
  });
  if (errors.length > 0) return errors;
  return labelSchemaProblems([...labels, ...added]).map((problem) => ({ file: 'the label schema', message: `the labels to add do not fit the project: ${problem}` }));
}

/** A document without same-label overlaps in any of its span sets; what goes is counted. */
function withoutOverlaps(doc: ImportedDocument, item: Incoming, preview: ImportPreview): ImportedDocument {
  const note = (dropped: ReadonlyArray<{ start: number; end: number; label: string }>) => {
    preview.overlaps.count += dropped.length;
    for (const span of dropped) {
      if (preview.overlaps.examples.length >= OVERLAP_EXAMPLES) break;
      const example: OverlapExample = { file: item.file, document: item.number, label: span.label, start: span.start, end: span.end, text: coveredText(doc.text, span) };
      if (item.line !== undefined) example.line = item.line;
      preview.overlaps.examples.push(example);
    }
  };
  const spans = withoutSameLabelOverlaps(doc.spans);
  note(spans.dropped);
  const result: ImportedDocument = { ...doc, spans: spans.kept };
  if (doc.layers) {
    result.layers = Object.fromEntries(
      Object.entries(doc.layers).map(([id, layer]) => {
        const layerSpans = withoutSameLabelOverlaps(layer.spans);
        note(layerSpans.dropped);
        return [id, { ...layer, spans: layerSpans.kept }];
      }),
    );
  }
  return result;
}

function coveredText(text: string, span: { start: number; end: number }): string {
  return [...text].slice(span.start, span.end).join('').slice(0, 80);
}

/** Where spans go: one target layer per source layer (or per file, for files without layers). */
class LayerTargets {
  readonly #byKey = new Map<string, { info: LayerInfo; isNew: boolean }>();

  constructor(
    private readonly project: Project,
    private readonly options: ImportOptions,
    private readonly me: Annotator | null,
    private readonly now: string,
  ) {}

  /** The layer for the anonymous spans of a file. */
  forFile(file: string): { info: LayerInfo; isNew: boolean } {
    const chosen = this.options.layer;
    if (chosen !== undefined) {
      return this.#memo(`layer:${chosen}`, () => {
        const existing = this.project.layers.info(chosen);
        if (existing?.kind === 'annotator') return { info: existing, isNew: false };
        if (this.me && chosen === this.me.id) return { info: { id: chosen, kind: 'annotator', name: this.me.name, createdAt: this.now }, isNew: true };
        throw new StoreError('bad-request', `This project has no annotator layer "${chosen}" to import into.`);
      });
    }
    const name = this.options.annotator?.trim() || baseName(file).replace(/\.[^.]*$/, '') || 'Imported';
    return this.#memo(`name:${name}`, () => {
      // The same name again is the same person: their layer, never the current user's own.
      const existing = this.project.layers.list().find((layer) => layer.kind === 'annotator' && layer.name === name && layer.id !== this.me?.id);
      if (existing) return { info: existing, isNew: false };
      return { info: { id: annotatorId(name), kind: 'annotator', name, createdAt: this.now }, isNew: true };
    });
  }

  /** The layer for a layer a file names (Spanwise, Label Studio): its own id where it can be. */
  forLayer(sourceId: string, layer: ImportedLayer, info: LayerInfo | undefined): { info: LayerInfo; isNew: boolean } {
    const kind: LayerKind = layer.kind;
    return this.#memo(`${kind}:${sourceId}`, () => {
      const wanted = kind === 'gold' ? GOLD_LAYER : sourceId;
      const existing = this.project.layers.info(wanted);
      if (existing && existing.kind === kind) return { info: existing, isNew: false };
      if (!existing && idSchema.safeParse(wanted).success && (kind === 'gold' || wanted !== GOLD_LAYER)) {
        return { info: { id: wanted, kind, name: info?.name ?? layer.name, createdAt: info?.createdAt ?? this.now }, isNew: true };
      }
      const id = kind === 'annotator' ? annotatorId(layer.name) : `${kind}-${randomBytes(3).toString('hex')}`;
      return { info: { id, kind, name: layer.name, createdAt: this.now }, isNew: true };
    });
  }

  #memo(key: string, make: () => { info: LayerInfo; isNew: boolean }) {
    let target = this.#byKey.get(key);
    if (!target) {
      target = make();
      this.#byKey.set(key, target);
    }
    return target;
  }
}

/** Why a layer's work on an existing document is left alone, or null when it has none there. */
async function existingWork(project: Project, layerId: string, docId: string): Promise<string | null> {
  try {
    return (await project.layers.read(layerId, docId)) ? 'the layer already has work on this document, which is left as it is' : null;
  } catch (error) {
    if (error instanceof CorruptFileError) return `the layer's file for it could not be read (${error.message}), so it is not written over`;
    throw error;
  }
}

/** Stored spans, sorted, each id once; or why a span cannot be stored. */
function storeSpans(text: string, spans: ReadonlyArray<ImportedSpan | Span>, annotator: string, now: string, nextId: () => string): Span[] | string {
  const ids = new Set<string>();
  const stored: Span[] = [];
  for (const span of spans) {
    const result = storedSpan(text, span, { id: nextId(), annotator, createdAt: now });
    if (typeof result === 'string') return result;
    if (ids.has(result.id) || !idSchema.safeParse(result.id).success) result.id = nextId();
    ids.add(result.id);
    stored.push(result);
  }
  return sortSpans(stored);
}

/** Span ids for this import: a random prefix and a counter, unique within the project. */
function spanIdMaker(): () => string {
  const prefix = `i${randomBytes(4).toString('hex')}`;
  let count = 0;
  return () => `${prefix}-${++count}`;
}

// ---- the command line ----------------------------------------------------------------------

/**
 * `spanwise import`: open the project in `projectDir` headless and import the files into it.
 * Throws with a one-line reason when the folder is not a project or another Spanwise has it
 * open (it cannot be written then). The report carries any file errors.
 */
export async function importIntoProject(
  projectDir: string,
  paths: readonly string[],
  options: ImportOptions,
  onProgress?: (message: string) => void,
): Promise<{ preview: ImportPreview; report: FileImportReport }> {
  const project = await Project.open(path.resolve(projectDir));
  try {
    if (project.readOnlyReason !== null) {
      throw new StoreError('read-only', `Cannot import into ${project.dir}: ${project.readOnlyReason} Close it there first, or import from its File menu.`);
    }
    return await planAndImport(project, { paths }, options, { me: null, onProgress });
  } finally {
    await project.close();
  }
}

/** What an import did (or why it did nothing), for a terminal. */
export function formatImport(preview: ImportPreview, report: FileImportReport): string {
  const lines: string[] = [];
  for (const file of preview.files) {
    const what = file.error ? 'cannot be read' : `${file.format}: ${file.documents} documents, ${file.spans} spans${file.duplicates ? `, ${file.duplicates} already in the project` : ''}`;
    lines.push(`  ${file.file} — ${what}`);
  }
  for (const entry of preview.skipped) lines.push(`  ${entry.file} — passed over: ${entry.message}`);
  if (report.errors.length > 0) {
    lines.push('', 'Nothing was imported; fix these first:', ...report.errors.map((error) => `  ${describeFormatError(error)}`));
    return lines.join('\n');
  }
  for (const label of preview.foreignLabels) lines.push(`  label ${label.label} (${label.spans} spans) → ${label.added ? 'added to the project as a new label' : (label.target ?? 'dropped')}`);
  const dropped = Object.entries(report.dropped);
  if (dropped.length > 0) lines.push(`  spans dropped (label not in the project): ${dropped.map(([label, count]) => `${label} ${count}`).join(', ')}`);
  if (report.overlapsDropped > 0) lines.push(`  spans dropped (overlapping a span of the same label): ${report.overlapsDropped}`);
  for (const layer of report.layers) lines.push(`  layer "${layer.name}" (${layer.id}${layer.isNew ? ', new' : ''}): ${layer.documents} documents, ${layer.spans} spans`);
  for (const kept of report.kept) lines.push(`  not written: ${kept.layer} on ${kept.document}: ${kept.reason}`);
  for (const warning of report.warnings) lines.push(`  note: ${warning}`);
  lines.push(`Imported ${report.added.length} documents; ${report.duplicates.length} were already in the project.`);
  return lines.join('\n');
}
