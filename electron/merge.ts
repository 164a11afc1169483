/**
 * Bringing another annotator's work into a project: their Spanwise export file, or their
 * project folder, becomes one layer per annotator here, under their stable annotator id (two
 * people with the same display name stay apart). Merging an updated source again replaces each
 * changed layer document whole, so no span is ever doubled. Work on a document whose text
 * differs from ours (by hash) is never merged; documents we lack are skipped unless asked to be
 * added. The merge never writes into the current annotator's own layer. See docs/review.md.
 */
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { idSchema } from '../shared/apiSchemas';
import { describeFormatError } from '../shared/formats/model';
import { parseSpanwiseExport } from '../shared/formats/spanwise';
import { offsetMapFor } from '../shared/offsets';
import type { DocumentRecord, DocumentStatus, FileProblem, LayerDocument, LayerInfo, MergedLayer, MergeOptions, MergeReport, NamedDocument, Span } from '../shared/types';
import { isTempFileName } from './atomic-file';
import { readDocument } from './documents';
import { CorruptFileError, StoreError } from './errors';
import { catalogSchema, layerDocumentSchema, layerInfoSchema } from './file-schemas';
import { JsonFile } from './json-file';
import { LAYER_INFO_FILE, SUMMARY_FILE } from './layer-summary';
import { GOLD_LAYER, LAYERS_DIR } from './layers';
import { MANIFEST_FILE, type Project } from './project';
import { CATALOG_FILE } from './catalog';
import { textHash } from './text-hash';

/** One layer's work on one document, as the source holds it. */
interface SourceWork {
  docId: string;
  /** The hash of the text its offsets index. */
  textHash: string;
  status: DocumentStatus;
  spans: Span[];
  /** Absent in an export, which does not carry them. */
  timeSpentMs?: number;
  updatedAt?: string;
}

interface SourceLayer {
  info: LayerInfo;
  work: SourceWork[];
}

/** Another annotator's work, read from an export file or a project folder. */
interface MergeSource {
  layers: SourceLayer[];
  problems: FileProblem[];
  /** Their copy of a document (null when they have none or it cannot be read). */
  document(docId: string): Promise<DocumentRecord | null>;
  /** Their title of a document, for the report; their id when they have no title for it. */
  title(docId: string): Promise<string>;
}

/** What `mergeLayers` needs besides the source and the options. */
export interface MergeContext {
  /** The current annotator's id: their own layer is never written. Null when nobody is. */
  me: string | null;
  /** The clock, for `updatedAt` of layer documents made from an export. */
  now?: () => string;
}

const merging = new WeakMap<Project, Promise<unknown>>();

/**
 * Merge the annotator layers of `sourcePath` (an absolute path to a Spanwise export file or a
 * project folder) into `project`; one merge at a time per project. Throws StoreError with a
 * message for the user when the path is not usable.
 */
export function mergeLayers(project: Project, sourcePath: string, options: MergeOptions, context: MergeContext): Promise<MergeReport> {
  const previous = merging.get(project) ?? Promise.resolve();
  const run = previous.then(() => merge(project, sourcePath, options, context));
  merging.set(project, run.catch(() => undefined));
  return run;
}

async function merge(project: Project, sourcePath: string, options: MergeOptions, context: MergeContext): Promise<MergeReport> {
  const dryRun = options.dryRun ?? false;
  if (!dryRun) project.assertWritable();
  const source = await checkedSourcePath(sourcePath, project.dir);
  const incoming = await readSource(source);
  const report: MergeReport = {
    source,
    dryRun,
    layers: [],
    skippedLayers: [],
    mismatched: [],
    missing: [],
    added: [],
    changedDocuments: [],
    problems: [...incoming.problems],
  };
  const layers = incoming.layers.filter((layer) => {
    const reason = skipReason(project, layer.info, context.me);
    if (reason) report.skippedLayers.push({ id: layer.info.id, name: layer.info.name, reason });
    return !reason;
  });

  const targets = await matchDocuments(project, layers, incoming, options, report);
  const changed = new Set<string>();
  const now = context.now ?? (() => new Date().toISOString());
  for (const layer of layers) {
    const merged: MergedLayer = { id: layer.info.id, name: layer.info.name, written: 0, unchanged: 0 };
    for (const work of layer.work) {
      const target = targets.get(work.textHash);
      if (target === undefined) continue;
      const where = `${LAYERS_DIR}/${layer.info.id}/${work.docId}.json`;
      const text = target.text ?? (await project.document(target.id)).text;
      const badSpan = work.spans.map((span) => spanProblem(span, text)).find((problem) => problem !== null);
      if (badSpan) {
        report.problems.push({ file: where, message: `not merged: ${badSpan}` });
        continue;
      }
      let existing: LayerDocument | null = null;
      try {
        existing = target.text === undefined ? await project.layers.read(layer.info.id, target.id) : null;
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        report.problems.push({ file: where, message: `not merged: our copy, ${error.message}` });
        continue;
      }
      if (existing && existing.textHash === work.textHash && existing.status === work.status && sameSpans(existing.spans, work.spans)) {
        merged.unchanged++;
        continue;
      }
      merged.written++;
      changed.add(target.id);
      if (!dryRun) await project.layers.write(layerInfo(project, layer.info), layerDocument(target.id, layer.info.id, work, existing, now()));
    }
    report.layers.push(merged);
  }
  report.changedDocuments = [...changed];
  return report;
}

/** Why a layer of the source is not merged, or null when it is. */
function skipReason(project: Project, info: LayerInfo, me: string | null): string | null {
  if (info.kind !== 'annotator') return `it is a ${info.kind} layer, not an annotator's work`;
  if (info.id === me) return 'it is your own layer: a merge never writes into it';
  const ours = project.layers.info(info.id);
  if (ours && ours.kind !== 'annotator') return `this project has a ${ours.kind} layer with that id`;
  return null;
}

/** Our document that work on a text goes to; `text` is set for one a dry run would add. */
interface Target {
  id: string;
  text?: string;
}

/**
 * Which of our documents each incoming text (by hash) goes to. The same text is the same
 * document whatever its id; an id we have with another text is a mismatch; a text we lack is
 * missing, and imported first when `addMissing` asks for it (on a dry run only reported).
 */
async function matchDocuments(
  project: Project,
  layers: readonly SourceLayer[],
  incoming: MergeSource,
  options: MergeOptions,
  report: MergeReport,
): Promise<Map<string, Target>> {
  const targets = new Map<string, Target>();
  const seen = new Set<string>();
  const toAdd: DocumentRecord[] = [];
  for (const work of layers.flatMap((layer) => layer.work)) {
    if (seen.has(work.textHash)) continue;
    seen.add(work.textHash);
    const ours = project.catalog.idOfText(work.textHash);
    if (ours !== undefined) {
      targets.set(work.textHash, { id: ours });
    } else if (project.catalog.has(work.docId)) {
      report.mismatched.push({ id: work.docId, title: project.catalog.get(work.docId)?.title ?? work.docId });
    } else {
      const theirs = options.addMissing ? await incoming.document(work.docId) : null;
      if (theirs && theirs.textHash === work.textHash) toAdd.push(theirs);
      else report.missing.push({ id: work.docId, title: await incoming.title(work.docId) });
    }
  }
  if (toAdd.length === 0) return targets;
  const added: NamedDocument[] = toAdd.map((doc) => ({ id: doc.id, title: doc.title }));
  if (options.dryRun) {
    for (const doc of toAdd) targets.set(doc.textHash, { id: doc.id, text: doc.text });
  } else {
    const inputs = toAdd.map((doc) => ({
      name: doc.id,
      // Ids become file names: one that could not be a file name gets a fresh id instead.
      ...(idSchema.safeParse(doc.id).success ? { id: doc.id } : {}),
      title: doc.title,
      text: doc.text,
      meta: doc.meta,
    }));
    const result = await project.importTexts(inputs);
    if (result.errors.length > 0) throw new StoreError('bad-request', `Their documents could not be added: ${result.errors.map((e) => e.message).join('; ')}`);
    for (const doc of toAdd) {
      const id = project.catalog.idOfText(doc.textHash);
      if (id !== undefined) targets.set(doc.textHash, { id });
    }
  }
  report.added.push(...added);
  return targets;
}

/** The info to file their layer under: ours when we have the layer already, else theirs. */
function layerInfo(project: Project, theirs: LayerInfo): LayerInfo {
  return project.layers.info(theirs.id) ?? { id: theirs.id, kind: 'annotator', name: theirs.name, createdAt: theirs.createdAt };
}

function layerDocument(docId: string, layer: string, work: SourceWork, existing: LayerDocument | null, now: string): LayerDocument {
  return {
    format: 'spanwise-layer',
    version: 1,
    docId,
    layer,
    textHash: work.textHash,
    status: work.status,
    spans: structuredClone(work.spans),
    updatedAt: work.updatedAt ?? now,
    timeSpentMs: work.timeSpentMs ?? existing?.timeSpentMs ?? 0,
    // Their undo history is theirs to use, on their machine; here nobody edits their layer.
    undo: [],
    redo: [],
  };
}

function sameSpans(x: readonly Span[], y: readonly Span[]): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

/** Why a span does not fit the text it claims to index, or null when it fits. */
function spanProblem(span: Span, text: string): string | null {
  const map = offsetMapFor(text);
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end || end > map.codePointLength) {
    return `span "${span.id}" has offsets ${start}–${end}, outside the text of ${map.codePointLength} characters`;
  }
  const covered = text.slice(map.toUtf16(start), map.toUtf16(end));
  if (covered !== span.text) return `span "${span.id}" says it covers ${JSON.stringify(span.text)} but its offsets cover ${JSON.stringify(covered)}`;
  return null;
}

// ---- reading the source ------------------------------------------------------------------

/** The absolute path of a usable source, or a StoreError saying what is wrong with it. */
async function checkedSourcePath(sourcePath: string, projectDir: string): Promise<string> {
  if (!path.isAbsolute(sourcePath)) {
    throw new StoreError('bad-request', `Give the full path of their export file or project folder, not "${sourcePath}".`);
  }
  const resolved = path.resolve(sourcePath);
  const info = await stat(resolved).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new StoreError('not-found', `There is no file or folder ${resolved}.`);
    throw error;
  });
  await access(resolved, constants.R_OK).catch(() => {
    throw new StoreError('bad-request', `${resolved} cannot be read: permission denied.`);
  });
  if (resolved === path.resolve(projectDir)) {
    throw new StoreError('bad-request', `${resolved} is this project itself; choose another annotator's export file or project folder.`);
  }
  if (info.isDirectory()) {
    const manifest = await stat(path.join(resolved, MANIFEST_FILE)).catch(() => null);
    if (!manifest?.isFile()) {
      throw new StoreError('bad-request', `${resolved} is a folder but not a Spanwise project: it has no ${MANIFEST_FILE}.`);
    }
  } else if (!info.isFile()) {
    throw new StoreError('bad-request', `${resolved} is neither a file nor a folder.`);
  }
  return resolved;
}

async function readSource(source: string): Promise<MergeSource> {
  return (await stat(source)).isDirectory() ? readProjectFolder(source) : readExportFile(source);
}

async function readExportFile(file: string): Promise<MergeSource> {
  const parsed = parseSpanwiseExport(await readFile(file, 'utf8'), path.basename(file));
  if (!parsed.ok) throw new StoreError('bad-request', `${file} cannot be merged: ${describeFormatError(parsed.error)}`);
  const documents = new Map<string, DocumentRecord>();
  const layers = new Map<string, SourceLayer>();
  for (const { document, layers: documentLayers } of parsed.data.documents) {
    // The hash is taken afresh: the one written in the file is only a claim.
    const hash = textHash(document.text);
    documents.set(document.id, { ...document, textHash: hash });
    for (const [id, layer] of Object.entries(documentLayers)) {
      let entry = layers.get(id);
      if (!entry) layers.set(id, (entry = { info: layer.info, work: [] }));
      entry.work.push({ docId: document.id, textHash: hash, status: layer.status, spans: layer.spans });
    }
  }
  return {
    layers: [...layers.values()],
    problems: [],
    document: async (docId) => documents.get(docId) ?? null,
    title: async (docId) => documents.get(docId)?.title ?? docId,
  };
}

async function readProjectFolder(root: string): Promise<MergeSource> {
  const problems: FileProblem[] = [];
  const unreadable = (error: unknown): null => {
    if (!(error instanceof CorruptFileError)) throw error;
    problems.push({ file: error.file, message: error.message });
    return null;
  };
  const layers: SourceLayer[] = [];
  for (const id of await folderNames(path.join(root, LAYERS_DIR), 'directories')) {
    if (!idSchema.safeParse(id).success) continue;
    const info = await new JsonFile({ root, file: `${LAYERS_DIR}/${id}/${LAYER_INFO_FILE}`, schema: layerInfoSchema }).read().catch(unreadable);
    // A layer folder without a readable layer.json is still someone's work, shown under its id.
    const layer: SourceLayer = { info: info ? { ...info, id } : { id, kind: id === GOLD_LAYER ? 'gold' : 'annotator', name: id, createdAt: '' }, work: [] };
    if (layer.info.kind === 'annotator') {
      for (const name of await folderNames(path.join(root, LAYERS_DIR, id), 'files')) {
        if (!name.endsWith('.json') || name === LAYER_INFO_FILE || name === SUMMARY_FILE || isTempFileName(name)) continue;
        // The file name says which document it is, as in the project's own layers.
        const docId = name.slice(0, -'.json'.length);
        if (!idSchema.safeParse(docId).success) continue;
        const doc = await new JsonFile({ root, file: `${LAYERS_DIR}/${id}/${name}`, schema: layerDocumentSchema }).read().catch(unreadable);
        if (doc) layer.work.push({ docId, textHash: doc.textHash, status: doc.status, spans: doc.spans, timeSpentMs: doc.timeSpentMs, updatedAt: doc.updatedAt });
      }
    }
    layers.push(layer);
  }
  const catalog = await new JsonFile({ root, file: CATALOG_FILE, schema: catalogSchema, derived: true }).read().catch(() => null);
  const titles = new Map(catalog?.documents.map((entry) => [entry.id, entry.title]) ?? []);
  const document = (docId: string) => readDocument(root, docId).catch(unreadable);
  return {
    layers,
    problems,
    document,
    title: async (docId) => titles.get(docId) ?? (await document(docId).catch(() => null))?.title ?? docId,
  };
}

async function folderNames(dir: string, kind: 'files' | 'directories'): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => (kind === 'files' ? entry.isFile() : entry.isDirectory())).map((entry) => entry.name).sort();
}
