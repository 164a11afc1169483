/**
 * The service behind the API contract (shared/api.ts): every call either transport receives
 * ends here, through `dispatch`, which checks the call against the contract's schemas first.
 * It holds the user settings and the open project, and pushes events to the transports.
 */
import { keepHeapTight } from './heap';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ApiEvent, CallOutcome, SpanwiseApi } from '../shared/api';
import { parseCall } from '../shared/apiSchemas';
import { sampleArticles } from '../shared/samples';
import type { SearchQuery, SearchResult } from '../shared/search';
import type { LabelChangeSummary } from '../shared/labelSchema';
import type { EditContext } from '../shared/spans';
import type { ProjectStats } from '../shared/statistics';
import type { SpanRange, Suggestion } from '../shared/suggest';
import type { OccurrenceSearch } from '../shared/suggestions';
import type { AcceptAgreedReport, AgreementOverview, ItemTarget, ReviewDecision, ReviewView, WalkStart } from '../shared/review';
import type { ExportOptions, ExportOutcome, ExportPreview, ExportPreviewOptions } from '../shared/exporting';
import type { FileImportReport, ImportOptions, ImportPreview, UploadedFile } from '../shared/importing';
import type {
  Annotator,
  BackupInfo,
  DocumentRecord,
  DocumentStatus,
  DocumentSummary,
  DocumentView,
  EditResult,
  FileProblem,
  ImportReport,
  LabelDef,
  LayerDocument,
  LayerInfo,
  MergeOptions,
  MergeReport,
  Session,
  SpanEdit,
  TextInput,
} from '../shared/types';
import { layerDocumentFile } from '../shared/projectFiles';
import { keepsBackups, listBackups, listManifestBackups, restoreBackup, restoreManifest } from './backup-restore';
import { errorBody, FileChangedError, StoreError } from './errors';
import { exportData, previewExport } from './exporting';
import { importFiles, previewImport, type ImportSource } from './importing';
import { KeyedMutex } from './keyed-mutex';
import { editLayer, emptyLayerDocument, withoutAuthorship, redoLayer, undoLayer, withStatus, type LayerChange } from './layer-history';
import { isWork } from './layer-summary';
import { GOLD_LAYER } from './layers';
import { mergeLayers } from './merge';
import { sampleProjectDir } from './paths';
import { Project, type ProjectOptions } from './project';
import { projectStatistics } from './project-stats';
import { Review } from './review';
import { changeLabels, previewLabelChange, type DocumentLock } from './schema';
import { Settings } from './settings';
import { searchCorpus } from './search';
import { rememberRejection, Suggestions, warmUpSuggestions } from './suggestions';

export interface ServiceOptions {
  dataDir: string;
  /** The project to open; when missing or empty, a project is created there. */
  projectDir?: string;
  mode: 'desktop' | 'browser';
  /** Where unexpected errors are logged; console.error by default. */
  log?: (message: string, error: unknown) => void;
  /** How projects do their file work; tests pass stand-ins that fail like a full disk. */
  storage?: ProjectOptions;
}

export interface Service extends SpanwiseApi {
  /** Check a call from a transport against the contract and run it; never throws. */
  dispatch(method: unknown, args: unknown): Promise<CallOutcome>;
  /** Listen to the service's events; returns the function that stops listening. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Finish pending saves and release the project. */
  close(): Promise<void>;
}

/**
 * Start the service: read the settings in `dataDir` and open `projectDir`, else the last
 * opened project, else the sample project (created with the sample articles on first run).
 * Throws when an explicitly asked-for project cannot be opened.
 */
export async function createService(options: ServiceOptions): Promise<Service> {
  keepHeapTight();
  const settings = await Settings.load(options.dataDir);
  const service = new SpanwiseService(options, settings);
  await service.start(options.projectDir);
  warmUpSuggestions(options.log ?? logToConsole);
  return service;
}

function logToConsole(message: string, error: unknown): void {
  console.error(message, error);
}

class SpanwiseService implements Service {
  readonly #listeners = new Set<(event: ApiEvent) => void>();
  readonly #mutex = new KeyedMutex();
  readonly #log: (message: string, error: unknown) => void;
  #project: Project | null = null;
  #unfollowProject: () => void = () => undefined;
  #startupProblems: FileProblem[] = [];
  /** Folders asked for that could not be opened: the only ones whose manifest backups are on offer. */
  readonly #unopened = new Set<string>();
  #pendingSaves = 0;
  #suggestions: Suggestions | null = null;
  #review: Review | null = null;

  constructor(
    private readonly options: ServiceOptions,
    private readonly settings: Settings,
  ) {
    this.#log = options.log ?? logToConsole;
    // The gazetteer learns every change to the layers, from here or from other programs.
    this.onEvent((event) => this.#suggestions?.observe(event));
    // Agreement and review status are cached per document until one of its layers changes.
    this.onEvent((event) => event.type === 'documents-changed' && this.#review?.invalidate(event.docIds));
  }

  async start(projectDir: string | undefined): Promise<void> {
    if (projectDir !== undefined) {
      this.#project = await openOrCreate(projectDir, this.options.storage);
    } else {
      const last = this.settings.recentProjects[0];
      if (last !== undefined) this.#project = await this.#tryOpen(last, 'the last opened project');
      const sample = sampleProjectDir(this.options.dataDir);
      // When the sample was the project that just failed, opening it again would only say so
      // twice; once gone (or emptied), it is made afresh.
      const failedAlready = last === path.resolve(sample) && !(await isMissingOrEmpty(sample));
      if (!this.#project && !failedAlready) this.#project = await this.#tryOpen(sample, 'the sample project', sampleArticles());
    }
    if (this.#project) {
      this.#follow(this.#project);
      await this.settings.rememberProject(this.#project.dir);
    }
  }

  async dispatch(method: unknown, args: unknown): Promise<CallOutcome> {
    const call = parseCall(method, args);
    if (!call.ok) return { ok: false, error: call.error };
    try {
      const handler = this[call.method] as (...callArgs: unknown[]) => Promise<unknown>;
      return { ok: true, result: await handler.apply(this, call.args) };
    } catch (error) {
      return { ok: false, error: errorBody(error, this.#log) };
    }
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    const project = this.#project;
    this.#project = null;
    this.#unfollowProject();
    try {
      // The review cache is written while the lock is still ours; after it, another Spanwise may own the file.
      await this.#review?.stop();
      await project?.close();
    } finally {
      await this.settings.close();
    }
  }

  // ---- the contract ----------------------------------------------------------------------

  async getSession(): Promise<Session> {
    const project = this.#project;
    return {
      mode: this.options.mode,
      project: project?.info() ?? null,
      annotator: this.settings.current,
      annotators: this.settings.annotators,
      recentProjects: this.settings.recentProjects,
      problems: [...this.settings.problems.list(), ...this.#startupProblems, ...(project?.problems.list().map(markRestorable) ?? [])],
      readOnly: project?.readOnly ?? false,
      ...(project?.readOnlyReason ? { readOnlyReason: project.readOnlyReason } : {}),
    };
  }

  async setAnnotator(name: string): Promise<Session> {
    await this.settings.useAnnotator(name);
    this.#emit({ type: 'project-changed' });
    return this.getSession();
  }

  async openProject(dir: string): Promise<Session> {
    const root = absoluteFolder(dir);
    if (this.#project?.dir !== root) await this.#switchTo(await this.#open(root));
    return this.getSession();
  }

  async createProject(dir: string, name: string): Promise<Session> {
    await this.#switchTo(await Project.create(absoluteFolder(dir), name, [], this.options.storage));
    return this.getSession();
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    const project = this.#requireProject();
    const me = this.settings.current;
    const annotatorLayers = project.layers.list().filter((layer) => layer.kind === 'annotator');
    const summaries = await Promise.all(annotatorLayers.map((layer) => project.layers.summary(layer.id)));
    const mine = me && project.layers.info(me.id) ? await project.layers.summary(me.id) : undefined;
    const review = this.#reviewOf(project);
    const { summaries: reviews, complete } = await review.summaries(REVIEW_WAIT_MS);
    // The list comes without the figures not yet worked out; the window fetches it again for them.
    complete?.then(
      () => this.#review === review && this.#emit({ type: 'review-ready' }),
      (error: unknown) => this.#log('Could not work out the review status of every document', error),
    );
    return project.catalog.entries().map((entry) => {
      const own = mine?.get(entry.id);
      const annotatorCount = summaries.filter((summary) => isWork(summary.get(entry.id))).length;
      const review = reviews.get(entry.id);
      return { id: entry.id, title: entry.title, spanCount: own?.spanCount ?? 0, status: own?.status ?? 'new', annotatorCount, ...review };
    });
  }

  async getDocument(docId: string, layer?: string): Promise<DocumentView> {
    const project = this.#requireProject();
    const target = this.#layerFor(project, layer, 'read');
    const doc = await project.document(docId);
    const stored = await project.layers.read(target.id, docId);
    const document = { ...doc, meta: { ...doc.meta } };
    if (!stored) {
      const empty = emptyLayerDocument(docId, target.id, doc.textHash, new Date().toISOString());
      return { document, layer: empty, canUndo: false, canRedo: false };
    }
    const mismatch = textMismatch(project, stored, doc);
    if (mismatch) {
      return { document, layer: { ...structuredClone(stored), spans: [], undo: [], redo: [] }, canUndo: false, canRedo: false, textMismatch: mismatch };
    }
    return { document, layer: structuredClone(stored), canUndo: stored.undo.length > 0, canRedo: stored.redo.length > 0 };
  }

  editSpans(docId: string, edits: SpanEdit[], layer?: string): Promise<EditResult> {
    return this.#change(docId, layer, 'bad-request', (current, ctx) => editLayer(current, withoutAuthorship(edits), ctx));
  }

  undo(docId: string, layer?: string): Promise<EditResult> {
    return this.#change(docId, layer, 'conflict', undoLayer);
  }

  redo(docId: string, layer?: string): Promise<EditResult> {
    return this.#change(docId, layer, 'conflict', redoLayer);
  }

  setDocumentStatus(docId: string, status: DocumentStatus, layer?: string): Promise<EditResult> {
    return this.#change(docId, layer, 'bad-request', (current, ctx) => ({ ok: true, layer: withStatus(current, status, ctx.now) }));
  }

  async importTexts(inputs: TextInput[]): Promise<ImportReport> {
    const project = this.#requireProject();
    const report = await this.#saving(() => project.importTexts(inputs));
    if (report.added.length > 0) {
      this.#emit({ type: 'documents-changed', docIds: report.added });
      this.#emit({ type: 'project-changed' });
    }
    return report;
  }

  async listBackups(file: string): Promise<BackupInfo[]> {
    return listBackups(this.#requireProject(), file);
  }

  async restoreBackup(file: string, n: number): Promise<Session> {
    const project = this.#requireProject();
    if (project.layers.unsaved.pending > 0) {
      throw new StoreError('io', 'Some edits are still waiting for the disk to take them; free space (or make the folder writable) first.');
    }
    await restoreBackup(project, file, n);
    // Reopen, so no cache, problem or unreadable mark of the replaced version survives.
    this.#project = null;
    this.#unfollowProject();
    await project.close();
    await this.#switchTo(await Project.open(project.dir, this.options.storage));
    return this.getSession();
  }

  async listManifestBackups(dir: string): Promise<BackupInfo[]> {
    return listManifestBackups(this.#unopenedFolder(dir));
  }

  async restoreManifestBackup(dir: string, n: number): Promise<Session> {
    const root = this.#unopenedFolder(dir);
    await restoreManifest(root, n, this.options.storage);
    await this.#switchTo(await this.#open(root));
    return this.getSession();
  }

  async getSuggestions(docId: string): Promise<Suggestion[]> {
    const project = this.#requireProject();
    return this.#suggestionsOf(project).forLayer(docId, this.#requireAnnotator().id);
  }

  rejectSuggestion(docId: string, suggestion: SpanRange): Promise<EditResult> {
    return this.#change(docId, undefined, 'bad-request', (current, ctx) => rememberRejection(current, suggestion, ctx));
  }

  async suggestOccurrences(docId: string, spanId: string, scope: 'document' | 'corpus'): Promise<OccurrenceSearch> {
    const project = this.#requireProject();
    return this.#suggestionsOf(project).occurrences(docId, this.#requireAnnotator().id, spanId, scope);
  }

  async searchCorpus(query: SearchQuery): Promise<SearchResult> {
    return searchCorpus(this.#requireProject(), this.settings.current?.id ?? null, query);
  }

  async mergeLayers(source: string, options: MergeOptions = {}): Promise<MergeReport> {
    const project = this.#requireProject();
    const merge = () => mergeLayers(project, source, options, { me: this.settings.current?.id ?? null });
    const report = options.dryRun ? await merge() : await this.#saving(merge);
    if (report.added.length > 0 && !report.dryRun) this.#emit({ type: 'project-changed' });
    if (report.changedDocuments.length > 0 && !report.dryRun) this.#emit({ type: 'documents-changed', docIds: report.changedDocuments });
    return report;
  }

  async getAgreement(): Promise<AgreementOverview> {
    return this.#reviewOf(this.#requireProject()).agreement();
  }

  async getReview(docId: string): Promise<ReviewView> {
    return this.#reviewOf(this.#requireProject()).view(docId);
  }

  async decideReviewItem(docId: string, itemId: string, decision: ReviewDecision): Promise<ReviewView> {
    return this.#reviewOf(this.#requireProject()).decide(docId, itemId, decision);
  }

  async acceptAgreed(docId?: string): Promise<AcceptAgreedReport> {
    return this.#reviewOf(this.#requireProject()).acceptAgreed(docId);
  }

  async findReviewItem(step: 1 | -1, from?: WalkStart): Promise<ItemTarget | null> {
    return this.#reviewOf(this.#requireProject()).findItem(from ?? null, step);
  }

  async getStatistics(): Promise<ProjectStats> {
    return projectStatistics(this.#requireProject());
  }

  async addTimeSpent(docId: string, ms: number): Promise<number> {
    let total = 0;
    await this.#change(docId, undefined, 'bad-request', (current) => {
      total = current.timeSpentMs + ms;
      return { ok: true, layer: { ...current, timeSpentMs: total } };
    });
    return total;
  }

  async previewLabelChange(labels: LabelDef[], renames: Record<string, string>): Promise<LabelChangeSummary> {
    return previewLabelChange(this.#requireProject(), labels, renames);
  }

  async updateLabels(labels: LabelDef[], renames: Record<string, string>): Promise<LabelChangeSummary> {
    const project = this.#requireProject();
    const lock: DocumentLock = (layerId, docId, task) => this.#mutex.run(documentKey(project, layerId, docId), task);
    const { docIds, ...summary } = await this.#saving(() => changeLabels(project, labels, renames, lock));
    this.#emit({ type: 'project-changed' });
    if (docIds.length > 0) this.#emit({ type: 'documents-changed', docIds });
    return summary;
  }

  async previewImport(paths: string[], options: ImportOptions = {}): Promise<ImportPreview> {
    return previewImport(this.#requireProject(), { paths }, options, { me: this.settings.current });
  }

  importFiles(paths: string[], options: ImportOptions = {}): Promise<FileImportReport> {
    return this.#importFrom({ paths }, options);
  }

  async previewContents(files: UploadedFile[], options: ImportOptions = {}): Promise<ImportPreview> {
    return previewImport(this.#requireProject(), { uploads: files }, options, { me: this.settings.current });
  }

  importContents(files: UploadedFile[], options: ImportOptions = {}): Promise<FileImportReport> {
    return this.#importFrom({ uploads: files }, options);
  }

  async previewExport(options: ExportPreviewOptions): Promise<ExportPreview> {
    return previewExport(this.#requireProject(), options, { me: this.settings.current });
  }

  async exportData(options: ExportOptions): Promise<ExportOutcome> {
    return exportData(this.#requireProject(), options, { me: this.settings.current });
  }

  // ---- helpers ---------------------------------------------------------------------------

  async #importFrom(source: ImportSource, options: ImportOptions): Promise<FileImportReport> {
    const project = this.#requireProject();
    const report = await this.#saving(() => importFiles(project, source, options, { me: this.settings.current }));
    if (report.errors.length > 0) return report;
    if (report.added.length > 0 || report.layers.length > 0) this.#emit({ type: 'project-changed' });
    const changed = [...report.added, ...report.duplicates.map((duplicate) => duplicate.existingId)];
    if (changed.length > 0) this.#emit({ type: 'documents-changed', docIds: changed });
    return report;
  }

  /** The review of the open project (its cache of agreement and open items), made on first use. */
  #reviewOf(project: Project): Review {
    if (this.#review?.project !== project) {
      this.#review = new Review(project, (docId, change) => this.#change(docId, GOLD_LAYER, 'bad-request', change));
    }
    return this.#review;
  }

  /** The suggestions of the open project (and the gazetteer they learn), made on first use. */
  #suggestionsOf(project: Project): Suggestions {
    if (this.#suggestions?.project !== project) this.#suggestions = new Suggestions(project);
    return this.#suggestions;
  }

  /**
   * Read-modify-write one layer document: one change at a time per document and layer, each
   * resolving only once its version is on disk.
   */
  async #change(
    docId: string,
    layerArg: string | undefined,
    refusal: 'bad-request' | 'conflict',
    change: (current: LayerDocument, ctx: EditContext) => LayerChange,
  ): Promise<EditResult> {
    const project = this.#requireProject();
    project.assertWritable();
    const target = this.#layerFor(project, layerArg, 'write');
    const annotator = this.#requireAnnotator();
    return this.#saving(() =>
      this.#mutex.run(documentKey(project, target.id, docId), async () => {
        const doc = await project.document(docId);
        // When another program changed the file since it was read, the change is made on its version.
        let changedOnDisk = false;
        for (let attempt = 1; ; attempt++) {
          changedOnDisk = (await project.layers.reloadIfChanged(target.id, docId)) || changedOnDisk;
          const now = new Date().toISOString();
          const current = (await project.layers.read(target.id, docId)) ?? emptyLayerDocument(docId, target.id, doc.textHash, now);
          const mismatch = textMismatch(project, current, doc);
          if (mismatch) throw new StoreError('conflict', mismatch);
          const ctx: EditContext = { text: doc.text, annotator: annotator.id, now, labels: project.manifest.labels.map((l) => l.name) };
          const outcome = change(current, ctx);
          try {
            if (outcome.layer) await project.layers.write(target, outcome.layer);
          } catch (error) {
            if (!(error instanceof FileChangedError) || attempt >= WRITE_ATTEMPTS) throw error;
            changedOnDisk = true;
            continue;
          }
          if (!outcome.ok) {
            if (!changedOnDisk) throw new StoreError(refusal, outcome.message);
            throw new StoreError(
              'conflict',
              `layers/${target.id}/${docId}.json was changed on disk by another program (a sync tool or git, say) and has ` +
                `been reloaded; your change no longer applies to that version: ${outcome.message}`,
            );
          }
          this.#emit({ type: 'documents-changed', docIds: [docId] });
          const { spans, status, undo, redo } = outcome.layer;
          return { spans: structuredClone(spans), status, canUndo: undo.length > 0, canRedo: redo.length > 0 };
        }
      }),
    );
  }

  /**
   * Count a save while it runs, and tell the transports how many are pending: saves running, and
   * edits the disk refused that wait in memory to be saved.
   */
  async #saving<T>(task: () => Promise<T>): Promise<T> {
    this.#pendingSaves++;
    this.#emitSaveStatus();
    try {
      const result = await task();
      this.#pendingSaves--;
      this.#emitSaveStatus();
      return result;
    } catch (error) {
      this.#pendingSaves--;
      const failed = !(error instanceof StoreError) || error.code === 'io' || error.code === 'corrupt';
      this.#emitSaveStatus(failed ? errorBody(error, this.#log).message : undefined);
      throw error;
    }
  }

  #emitSaveStatus(error?: string): void {
    const unsaved = this.#project?.layers.unsaved ?? { pending: 0 };
    const reason = error ?? unsaved.error;
    this.#emit({ type: 'save-status', pending: this.#pendingSaves + unsaved.pending, ...(reason !== undefined ? { error: reason } : {}) });
  }

  /** Pass on what the open project announces by itself (changes on disk, edits waiting to be saved). */
  #follow(project: Project): void {
    this.#unfollowProject();
    this.#unfollowProject = project.onEvent((event) => (event.type === 'save-status' ? this.#emitSaveStatus() : this.#emit(event)));
  }

  /**
   * The layer a call means: the caller's own by default. Any existing layer may be read; the
   * caller's own, gold and suggestion layers may be written, never another annotator's.
   */
  #layerFor(project: Project, layerArg: string | undefined, purpose: 'read' | 'write'): LayerInfo {
    const me = this.settings.current;
    const id = layerArg ?? me?.id;
    if (id === undefined) throw noAnnotator();
    const now = new Date().toISOString();
    if (me && id === me.id) return project.layers.info(id) ?? { id, kind: 'annotator', name: me.name, createdAt: now };
    if (id === GOLD_LAYER) return project.layers.info(id) ?? { id, kind: 'gold', name: 'Gold', createdAt: now };
    const info = project.layers.info(id);
    if (!info) throw new StoreError('not-found', `This project has no layer "${id}".`);
    if (purpose === 'write' && info.kind === 'annotator') {
      throw new StoreError('read-only', `The layer "${info.name}" holds another annotator's work; only they can change it.`);
    }
    return info;
  }

  #requireAnnotator(): Annotator {
    const me = this.settings.current;
    if (!me) throw noAnnotator();
    return me;
  }

  #requireProject(): Project {
    if (!this.#project) throw new StoreError('no-project', 'No project is open; open or create one first.');
    return this.#project;
  }

  /** Open the project in `root`, noting a failure so that its manifest backups can be offered. */
  async #open(root: string): Promise<Project> {
    try {
      const project = await Project.open(root, this.options.storage);
      this.#unopened.delete(root);
      return project;
    } catch (error) {
      this.#unopened.add(root);
      throw error;
    }
  }

  /** `dir` as an absolute folder, when it is one asked for that could not be opened. */
  #unopenedFolder(dir: string): string {
    const root = absoluteFolder(dir);
    if (!this.#unopened.has(root)) {
      throw new StoreError('bad-request', `${root} is not a project folder that Spanwise failed to open; open it first.`);
    }
    return root;
  }

  async #switchTo(project: Project): Promise<void> {
    const previous = this.#project;
    this.#project = project;
    void this.#review?.stop();
    this.#review = null;
    // What was learnt of the previous project is of no more use, and would be held until the next request.
    this.#suggestions?.close();
    this.#suggestions = null;
    this.#follow(project);
    this.#startupProblems = [];
    await previous?.close();
    await this.settings.rememberProject(project.dir);
    this.#emit({ type: 'project-changed' });
  }

  /** Open a project chosen by default; a failure becomes a problem in the session, not a crash. */
  async #tryOpen(dir: string, what: string, articles?: TextInput[]): Promise<Project | null> {
    try {
      return articles && (await isMissingOrEmpty(dir))
        ? await Project.create(dir, 'Sample articles', articles, this.options.storage)
        : await this.#open(path.resolve(dir));
    } catch (error) {
      this.#startupProblems.push({ file: dir, message: `Could not open ${what}: ${errorBody(error, this.#log).message}` });
      return null;
    }
  }

  #emit(event: ApiEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#log('An event listener failed', error);
      }
    }
  }
}

/** The key under which changes to one layer document wait for each other. */
function documentKey(project: Project, layerId: string, docId: string): string {
  return `${project.dir}\u0000${layerId}\u0000${docId}`;
}

/** Open the project in `dir`, or make one there if the folder is missing or empty. */
async function openOrCreate(dir: string, storage: ProjectOptions | undefined): Promise<Project> {
  const root = path.resolve(dir);
  return (await isMissingOrEmpty(root)) ? Project.create(root, path.basename(root) || 'Project', [], storage) : Project.open(root, storage);
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : null));
  return names !== null && names.length === 0;
}

function absoluteFolder(dir: string): string {
  if (!path.isAbsolute(dir)) throw new StoreError('bad-request', `Give the full path of the folder, not "${dir}".`);
  return path.resolve(dir);
}

/** A project problem, marked when its file has backups the UI can offer to put back. */
function markRestorable(problem: FileProblem): FileProblem {
  return keepsBackups(problem.file) ? { ...problem, restorable: true } : problem;
}

/** Why a layer document cannot be shown on this text, noted as a problem of the project. */
function textMismatch(project: Project, layer: LayerDocument, doc: DocumentRecord): string | null {
  if (layer.textHash === doc.textHash) return null;
  const file = layerDocumentFile(layer.layer, layer.docId);
  const message =
    `${file} was made for a different version of the text of "${doc.id}", so its spans would land in the wrong ` +
    'places; they are not shown and the file is left unchanged.';
  project.problems.add(file, message);
  return message;
}

/** How often an edit is tried again on a file another program keeps changing under it. */
const WRITE_ATTEMPTS = 3;
/** How long the document list waits for agreement and review figures not yet worked out. */
const REVIEW_WAIT_MS = 250;

function noAnnotator(): StoreError {
  return new StoreError('bad-request', 'Enter your name first: each annotator’s work is kept in a layer of their own.');
}
