/**
 * Importing files into a project (docs/formats.md, "Importing"): plain text, Markdown, HTML,
 * Word, JSONL/JSON records, Spanwise and Label Studio exports, brat, CoNLL and Hugging Face
 * files, picked as files or folders (or dropped on a browser window). One pass reads and checks
 * everything and plans what would change — the preview; the import makes the same plan with the
 * label mapping the user settled and hands it to the project, which writes it all or nothing.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { idSchema, labelNameSchema } from '../shared/api';
import { parseBrat } from '../shared/formats/brat';
import { parseHf, parseTagList } from '../shared/formats/hf';
import { detectFormat, parseFile } from '../shared/formats/index';
import { parseJsonText } from '../shared/formats/jsontext';
import { recordToDocument } from '../shared/formats/jsonl';
import { attempt, describeFormatError, FormatProblem, type FormatError, type ImportedDocument, type ImportedLayer, type ImportedSpan } from '../shared/formats/model';
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
import type { Annotator, DocumentRecord, FileProblem, LabelDef, LayerDocument, LayerInfo, LayerKind, Span, TextInput } from '../shared/types';
import { documentFile } from './documents';
import { CorruptFileError, StoreError } from './errors';
import { exportEntries } from './export-reading';
import { collectPaths, collectUploads, isUtf16, MAX_FILE_BYTES, MAX_STREAMED_FILE_BYTES, readDocx, readHead, readLines, readText, sizeProblem, type SourceFile, type SourceSet } from './file-reading';
import type { ImportedWork } from './import-staging';
import { GOLD_LAYER } from './layers';
import { Project } from './project';
import { changeLabels } from './schema';
import { annotatorId } from './settings';
import { planImport } from './text-import';

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
  return (await planFiles(project, source, options, context)).preview;
}

/**
 * Import the files: all or nothing. With any file that cannot be read the report lists the
 * errors and the project is unchanged.
 */
export async function importFiles(project: Project, source: ImportSource, options: ImportOptions, context: ImportContext): Promise<FileImportReport> {
  return (await planAndImport(project, source, options, context)).report;
}

/** Import, and hand back the preview the import was made from too. */
async function planAndImport(
  project: Project,
  source: ImportSource,
  options: ImportOptions,
  context: ImportContext,
): Promise<{ preview: ImportPreview; report: FileImportReport }> {
  project.assertWritable();
  const plan = await planFiles(project, source, options, context);
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
    context.onProgress?.(`Writing ${plan.documents.length} documents and ${plan.work.length} layer files…`);
    await withLabelsAdded(project, preview.newLabels, () => project.importPlanned(plan.documents, plan.work));
    report.added = plan.documents.map((doc) => doc.id);
  }
  return { preview, report };
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

interface ParsedFile {
  preview: FilePreview;
  documents: Incoming[];
}

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

/** Read and parse one file (or brat pair); every failure becomes the file's error. */
async function parseUnit(unit: Unit, labels: readonly LabelDef[], budget: { documents: number }): Promise<ParsedFile> {
  const name = unit.file.name;
  const preview: FilePreview = { file: name, format: unit.format, documents: 0, duplicates: 0, spans: 0, spansByLabel: {}, warnings: [] };
  const fail = (error: FormatError): ParsedFile => ({ preview: { ...preview, error }, documents: [] });
  if (unit.error) return fail({ file: name, message: unit.error });
  for (const file of [unit.file, unit.text, unit.tags]) {
    const problem = file ? sizeProblem(file, file === unit.file && streamed(unit) ? MAX_STREAMED_FILE_BYTES : MAX_FILE_BYTES) : null;
    if (file && problem) return fail({ file: file.name, message: problem });
  }
  let documents: Incoming[];
  try {
    const read = await readUnit(unit, labels);
    if ('error' in read) return fail(read.error);
    documents = read.documents;
    preview.warnings = read.warnings;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail({ file: name, message: `could not be read: ${reason}` });
  }
  budget.documents -= documents.length;
  if (budget.documents < 0) {
    return fail({ file: name, message: `brings the import past ${MAX_IMPORT_DOCUMENTS.toLocaleString('en')} documents, the most one import adds; import the files in parts` });
  }
  preview.documents = documents.length;
  for (const [label, count] of labelCounts(documents.map((item) => item.doc))) {
    preview.spansByLabel[label] = count;
    preview.spans += count;
  }
  return { preview, documents };
}

/** Whether a file is read a record or document at a time, never whole, so it may be larger than one read whole. */
function streamed(unit: Unit): boolean {
  return unit.format === 'spanwise' || isRecordLines(unit);
}

function isRecordLines(unit: Unit): boolean {
  return (unit.format === 'jsonl' || unit.format === 'spacy') && !/\.json$/i.test(unit.file.name);
}

type ReadOutcome = { documents: Incoming[]; warnings: string[] } | { error: FormatError };

async function readUnit(unit: Unit, labels: readonly LabelDef[]): Promise<ReadOutcome> {
  const name = unit.file.name;
  const numbered = (docs: ImportedDocument[]): Incoming[] => docs.map((doc, index) => ({ doc, file: name, number: index + 1 }));
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
      const result = parsePlainText(text, name);
      return result.ok ? { documents: numbered(result.documents), warnings: result.warnings } : { error: result.error };
    }
    case 'brat': {
      const textFile = unit.text as SourceFile;
      const result = parseBrat(await readText(unit.file), name, { text: await readText(textFile), labels });
      if (!result.ok) return { error: result.error };
      const stem = baseName(textFile.name).replace(/\.txt$/i, '');
      const docs = result.documents.map((doc) => ({ ...doc, id: stem, meta: { ...doc.meta, source: textFile.name } }));
      return { documents: numbered(docs), warnings: result.warnings };
    }
    case 'spanwise':
      return readSpanwise(unit.file);
    case 'hf': {
      let tags: string[] | undefined;
      if (unit.tags) {
        const list = parseTagList(await readText(unit.tags), unit.tags.name);
        if (!list.ok) return { error: list.error };
        tags = list.tags;
      }
      const result = parseHf(await readText(unit.file), name, { tags });
      return result.ok ? { documents: numbered(result.documents), warnings: result.warnings } : { error: result.error };
    }
    case 'jsonl':
    case 'spacy':
      if (isRecordLines(unit)) return readRecordLines(unit.file);
      break;
    default:
      break;
  }
  const content = await readText(unit.file);
  if (unit.format === 'jsonl' || unit.format === 'spacy' || unit.format === 'labelstudio') {
    const deep = jsonTooDeep(content);
    if (deep) return { error: tooDeep(name, deep.line) };
  }
  const result = await parseFile(unit.format, content, name, { labels });
  return result.ok ? { documents: numbered(result.documents), warnings: result.warnings } : { error: result.error };
}

function tooDeep(file: string, line: number): FormatError {
  return { file, line, message: `nests arrays or objects more than ${MAX_JSON_DEPTH.toLocaleString('en')} levels deep, which no article record does` };
}

/**
 * A Spanwise export, keeping its document records and layer infos exactly. Read a document at a
 * time (`exportEntries`), so an export larger than a file read whole comes back; only a
 * UTF-16 file, which Spanwise never writes, is read whole.
 */
async function readSpanwise(file: SourceFile): Promise<ReadOutcome> {
  if (await isUtf16(file)) {
    const problem = sizeProblem(file);
    if (problem) return { error: { file: file.name, message: problem } };
    return readWholeSpanwise(file);
  }
  const documents: Incoming[] = [];
  try {
    for await (const entry of exportEntries(file)) {
      if (documents.length >= MAX_IMPORT_DOCUMENTS) return { error: tooManyDocuments(file.name, entry.line) };
      documents.push(exportedDocument(entry.value, file.name, entry.index));
    }
  } catch (caught) {
    if (caught instanceof FormatProblem) return { error: { file: file.name, ...(caught.line !== undefined ? { line: caught.line } : {}), message: caught.message } };
    throw caught;
  }
  return { documents, warnings: [] };
}

async function readWholeSpanwise(file: SourceFile): Promise<ReadOutcome> {
  const content = await readText(file);
  const deep = jsonTooDeep(content);
  if (deep) return { error: tooDeep(file.name, deep.line) };
  const parsed = parseSpanwiseExport(content, file.name);
  if (!parsed.ok) return { error: parsed.error };
  return { documents: parsed.data.documents.map((entry, index) => exportedDocument(entry, file.name, index)), warnings: [] };
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
async function readRecordLines(file: SourceFile): Promise<ReadOutcome> {
  const documents: Incoming[] = [];
  const warnings = new Set<string>();
  let lineNumber = 0;
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
    if (documents.length >= MAX_IMPORT_DOCUMENTS) return { error: tooManyDocuments(file.name, lineNumber) };
    const at = lineNumber;
    const outcome = attempt(file.name, () => recordToDocument(parseJsonText(line, at), at, warnings));
    if (!outcome.ok) return { error: outcome.error };
    documents.push({ doc: outcome.value, file: file.name, number: documents.length + 1, line: at });
  }
  const undecoded = undecodedReason(replacements, characters);
  if (undecoded) return { error: { file: file.name, message: undecoded } };
  if (!filled) return { error: { file: file.name, message: 'is empty' } };
  return { documents, warnings: [...warnings] };
}

// ---- planning ------------------------------------------------------------------------------

interface Plan {
  preview: ImportPreview;
  documents: DocumentRecord[];
  work: ImportedWork[];
}

async function planFiles(project: Project, source: ImportSource, options: ImportOptions, context: ImportContext): Promise<Plan> {
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
  const budget = { documents: MAX_IMPORT_DOCUMENTS };
  const files: ParsedFile[] = [];
  for (const unit of units) {
    context.onProgress?.(`Reading ${unit.file.name}…`);
    files.push(await parseUnit(unit, labels, budget));
  }
  const errors = files.flatMap((file) => (file.preview.error ? [file.preview.error] : []));
  const preview: ImportPreview = {
    files: files.map((file) => file.preview),
    skipped,
    newDocuments: 0,
    duplicates: [],
    foreignLabels: [],
    newLabels: [],
    dropped: {},
    overlaps: { count: 0, examples: [] },
    layers: [],
    kept: [],
    warnings: files.flatMap((file) => file.preview.warnings.map((warning) => `${file.preview.file}: ${warning}`)),
    errors,
  };
  if (units.length === 0) {
    errors.push({ file: set.files[0]?.name ?? 'the import', message: 'holds no file Spanwise can import' });
    return { preview, documents: [], work: [] };
  }
  const incoming = files.flatMap((file) => file.documents);

  // Labels: the foreign ones with their targets, then every span mapped or dropped.
  preview.foreignLabels = foreignLabels(labelCounts(incoming.map((item) => item.doc)), labels, options.mapping, options.newLabels);
  preview.newLabels = addedLabels(preview.foreignLabels, labels);
  errors.push(...newLabelErrors(preview.newLabels, labels, files));
  const mapped = mapLabels(
    incoming.map((item) => item.doc),
    labelMapping(preview.foreignLabels),
    [...labels, ...preview.newLabels],
  );
  preview.dropped = mapped.dropped;
  mapped.docs.forEach((doc, index) => {
    incoming[index] = { ...incoming[index], doc: withoutOverlaps(doc, incoming[index], preview) };
  });

  // Documents: new ones get ids (their own when usable), the others are duplicates.
  const known = {
    has: (id: string) => project.catalog.has(id) || project.problems.has(documentFile(id)),
    idOfText: (hash: string) => project.catalog.idOfText(hash),
  };
  const ownIds = new Set<string>();
  const inputs = incoming.map((item): TextInput => {
    const { doc } = item;
    const usable = doc.id !== undefined && idSchema.safeParse(doc.id).success && !known.has(doc.id) && !ownIds.has(doc.id);
    if (usable) ownIds.add(doc.id as string);
    const many = files.find((file) => file.preview.file === item.file)?.documents.length ?? 1;
    return {
      name: many > 1 ? `${item.file} (document ${item.number})` : item.file,
      text: doc.text,
      ...(doc.title !== undefined ? { title: doc.title } : {}),
      ...(usable ? { id: doc.id } : {}),
      meta: { source: item.file, ...doc.meta },
    };
  });
  const planned = planImport(inputs, known, now);
  for (const problem of planned.errors) {
    const input = inputs.find((candidate) => candidate.name === problem.file);
    errors.push({ file: input ? incoming[inputs.indexOf(input)].file : problem.file, message: problem.message });
  }
  preview.duplicates = planned.duplicates;
  const byId = new Map(planned.documents.map((doc) => [doc.id, doc]));
  const documents = [...planned.documents];
  const made = new Set<string>();
  incoming.forEach((item, index) => {
    const target = planned.targets[index];
    if (target === undefined) return;
    const fresh = byId.get(target);
    // The first input with a text makes its document; any other is a duplicate.
    if (!fresh || made.has(target)) {
      const file = files.find((parsed) => parsed.preview.file === item.file);
      if (file) file.preview.duplicates++;
      return;
    }
    made.add(target);
    // A Spanwise export's record comes back as it was written: title, meta and import time.
    if (item.record && inputs[index].id === fresh.id) {
      const exact = { ...fresh, title: item.record.title, meta: item.record.meta, importedAt: item.record.importedAt };
      documents[documents.indexOf(fresh)] = exact;
      byId.set(fresh.id, exact);
    }
  });
  preview.newDocuments = documents.length;

  // Layers: where each document's spans go, and what that writes.
  const work = await planWork(project, incoming, planned.targets, byId, options, context, now, preview);
  return { preview, documents, work };
}

/** Why labels to be added cannot join the schema, each error naming the first file using the label. */
function newLabelErrors(added: readonly LabelDef[], labels: readonly LabelDef[], files: readonly ParsedFile[]): FormatError[] {
  const fileOf = (label: string) => files.find((file) => Object.hasOwn(file.preview.spansByLabel, label))?.preview.file ?? 'the import';
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

async function planWork(
  project: Project,
  incoming: readonly Incoming[],
  targets: ReadonlyArray<string | undefined>,
  newDocuments: ReadonlyMap<string, DocumentRecord>,
  options: ImportOptions,
  context: ImportContext,
  now: string,
  preview: ImportPreview,
): Promise<ImportedWork[]> {
  const layerTargets = new LayerTargets(project, options, context.me, now);
  const work: ImportedWork[] = [];
  const taken = new Set<string>();
  const summary = new Map<string, ImportLayer>();
  const spanIds = spanIdMaker();
  for (let index = 0; index < incoming.length; index++) {
    const item = incoming[index];
    const docId = targets[index];
    if (docId === undefined) continue;
    const sets: Array<{ target: { info: LayerInfo; isNew: boolean }; spans: Array<ImportedSpan | Span>; status: LayerDocument['status']; rejected?: string[] }> = [];
    if (item.doc.spans.length > 0) sets.push({ target: layerTargets.forFile(item.file), spans: item.doc.spans, status: 'done' });
    for (const [id, layer] of Object.entries(item.doc.layers ?? {})) {
      sets.push({ target: layerTargets.forLayer(id, layer, item.infos?.[id]), spans: layer.spans, status: layer.status ?? 'done', rejected: layer.rejected });
    }
    if (sets.length === 0) continue;
    const fresh = newDocuments.get(docId);
    const text = fresh?.text ?? (await project.document(docId)).text;
    const textHash = fresh?.textHash ?? project.catalog.get(docId)?.textHash ?? '';
    for (const { target, spans, status, rejected } of sets) {
      const { info } = target;
      const key = `${info.id}/${docId}`;
      const keep = (reason: string) => preview.kept.push({ layer: info.name, document: docId, reason });
      if (taken.has(key)) {
        keep(`${item.file} brings work on it that an earlier file of this import brought already`);
        continue;
      }
      taken.add(key);
      if (!fresh && !target.isNew) {
        const reason = await existingWork(project, info.id, docId);
        if (reason) {
          // Someone's updated Spanwise export is a merge's job: it replaces their layer's work.
          keep(item.record && info.kind === 'annotator' ? `${reason}; to bring in an updated version of it, use “Bring in other annotators’ work” (M in review, or spanwise merge)` : reason);
          continue;
        }
      }
      const stored = storeSpans(text, spans, info.id, now, spanIds);
      if (typeof stored === 'string') {
        preview.errors.push({ file: item.file, ...(item.line !== undefined ? { line: item.line } : {}), message: `document ${item.number}: ${stored}` });
        continue;
      }
      work.push({
        info,
        isNew: target.isNew,
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
      const entry = summary.get(info.id) ?? { id: info.id, name: info.name, kind: info.kind, isNew: target.isNew, documents: 0, spans: 0 };
      entry.documents++;
      entry.spans += stored.length;
      summary.set(info.id, entry);
    }
  }
  preview.layers = [...summary.values()];
  return work;
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
