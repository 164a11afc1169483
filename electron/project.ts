/**
 * One open project folder (see docs/format.md): its manifest, catalog, documents and layers,
 * its lock, and the files in it that could not be read. While it is open, its `documents/` and
 * `layers/` folders are watched, so what other programs change there is picked up and announced.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiEvent } from '../shared/api';
import { DEFAULT_LABELS } from '../shared/labels';
import { MANIFEST_FILE } from '../shared/projectFiles';
import type { CatalogEntry, DocumentRecord, ImportReport, LabelDef, ProjectInfo, ProjectManifest, TextInput } from '../shared/types';
import { removeLeftoverTempFiles, writeFileAtomic, type AtomicWrite } from './atomic-file';
import { projectBackups, type Backups } from './backups';
import { Catalog, CATALOG_FILE, catalogEntry } from './catalog';
import { DOCUMENTS_DIR, documentFile, readDocument } from './documents';
import { CorruptFileError, StoreError } from './errors';
import { FileProblems } from './file-problems';
import { ImportStage } from './import-staging';
import { currentStamp, type FileStamp } from './file-stamp';
import { manifestSchema } from './file-schemas';
import { JsonFile } from './json-file';
import { Layers, LAYERS_DIR } from './layers';
import { LruCache } from './lru-cache';
import { acquireProjectLock } from './project-lock';
import { watchProject, type ProjectWatch } from './project-watch';
import { finishLabelChange } from './schema';
import { planImport, type KnownDocuments } from './text-import';

export { MANIFEST_FILE };
// Articles can be large; the few most recently opened are enough to move back and forth.
const CACHED_DOCUMENTS = 16;

/** How a project does its file work; tests pass stand-ins that fail like a full or read-only disk. */
export interface ProjectOptions {
  writeFile?: AtomicWrite;
  /** Delays between attempts to save edits the disk refused, in ms. */
  retryDelaysMs?: number[];
}

export class Project {
  readonly #documents = new LruCache<string, Promise<DocumentRecord>>(CACHED_DOCUMENTS);
  readonly #listeners = new Set<(event: ApiEvent) => void>();
  /** Stamps of the documents this process wrote, so the watcher can tell its own imports apart. */
  readonly #writtenDocuments = new Map<string, FileStamp | null>();
  #importing: Promise<unknown> = Promise.resolve();
  #importsRunning = 0;
  #watch: ProjectWatch | null = null;
  /** The batch of changed files being taken in; batches go one at a time, and close waits for it. */
  #takingIn: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly manifest: ProjectManifest,
    readonly problems: FileProblems,
    readonly catalog: Catalog,
    readonly layers: Layers,
    readonly backups: Backups,
    readonly readOnlyReason: string | null,
    private readonly releaseLock: () => Promise<void>,
    readonly options: ProjectOptions,
  ) {}

  /** Open the project in `dir`. Throws StoreError when it is not a readable project. */
  static async open(dir: string, options: ProjectOptions = {}): Promise<Project> {
    const root = path.resolve(dir);
    const folder = await stat(root).catch(() => null);
    if (!folder?.isDirectory()) throw new StoreError('not-found', `There is no folder ${root}.`);
    const manifestFile = new JsonFile({ root, file: MANIFEST_FILE, schema: manifestSchema });
    const manifest = await manifestFile.read();
    if (!manifest) throw new StoreError('not-found', `${root} is not a Spanwise project: it has no ${MANIFEST_FILE}.`);

    const lock = await acquireProjectLock(root);
    const release = lock.held ? lock.release : async () => undefined;
    try {
      const problems = new FileProblems();
      const readOnly = !lock.held;
      const backups = projectBackups(root);
      const catalog = await Catalog.load(root, problems, readOnly);
      // Layers report to the project's listeners, which exist only once the project does.
      let project: Project | null = null;
      const layers = await Layers.load({
        projectDir: root,
        problems,
        backups,
        readOnly,
        recovering: lock.held && lock.tookOver,
        writeFile: options.writeFile,
        retryDelaysMs: options.retryDelaysMs,
        emit: (event) => {
          if (project) project.#emit(event);
        },
      });
      if (!readOnly) {
        const folders = [root, path.join(root, DOCUMENTS_DIR), ...layers.list().map((l) => path.join(root, LAYERS_DIR, l.id))];
        await Promise.all(folders.map(removeLeftoverTempFiles));
      }
      project = new Project(root, manifest, problems, catalog, layers, backups, lock.held ? null : lock.reason, release, options);
      if (!readOnly) await finishLabelChange(project);
      project.#startWatching();
      return project;
    } catch (error) {
      await release();
      throw error;
    }
  }

  /**
   * Make a project in `dir`, which must be missing or empty, holding `articles`, and open it.
   * Throws StoreError('conflict') for a folder that has files in it.
   */
  static async create(dir: string, name: string, articles: TextInput[] = [], options: ProjectOptions = {}): Promise<Project> {
    const root = path.resolve(dir);
    const names = await readdir(root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      if (error.code === 'ENOTDIR') throw new StoreError('conflict', `${root} is a file, not a folder.`);
      throw error;
    });
    if (names.length > 0) {
      throw new StoreError('conflict', `The folder ${root} is not empty; choose an empty or new folder for a new project.`);
    }
    await mkdir(path.join(root, DOCUMENTS_DIR), { recursive: true });
    await mkdir(path.join(root, LAYERS_DIR), { recursive: true });
    const manifest: ProjectManifest = {
      format: 'spanwise-project',
      version: 1,
      id: randomUUID(),
      name: name.trim(),
      createdAt: new Date().toISOString(),
      labels: DEFAULT_LABELS,
    };
    await writeFileAtomic(path.join(root, CATALOG_FILE), `${JSON.stringify({ format: 'spanwise-catalog', version: 1, documents: [] }, null, 2)}\n`);
    // The manifest last: a folder holding it is a whole project.
    await writeFileAtomic(path.join(root, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const project = await Project.open(root, options);
    if (articles.length > 0) {
      const report = await project.importTexts(articles);
      if (report.errors.length > 0) {
        await project.close();
        throw new StoreError('bad-request', report.errors.map((e) => e.message).join('\n'));
      }
    }
    return project;
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null;
  }

  info(): ProjectInfo {
    return { dir: this.dir, id: this.manifest.id, name: this.manifest.name, labels: this.manifest.labels, documentCount: this.catalog.size };
  }

  /** The document with that id. Throws StoreError not-found or corrupt. */
  document(docId: string): Promise<DocumentRecord> {
    let doc = this.#documents.get(docId);
    if (!doc) {
      doc = this.#readDocument(docId);
      this.#documents.set(docId, doc);
      doc.catch(() => this.#documents.delete(docId));
    }
    return doc;
  }

  /**
   * Add articles, all or nothing: if any input is bad, nothing is written and the report says
   * why. Texts the project already holds are reported as duplicates and skipped.
   */
  importTexts(inputs: TextInput[]): Promise<ImportReport> {
    return this.runImport(async (stage) => {
      const plan = planImport(inputs, this.knownDocuments(), new Date().toISOString());
      if (plan.errors.length > 0) return { added: [], duplicates: plan.duplicates, errors: plan.errors };
      for (const doc of plan.documents) await stage.addDocument(doc);
      await this.commitStaged(stage, plan.documents.map(catalogEntry));
      return { added: plan.documents.map((doc) => doc.id), duplicates: plan.duplicates, errors: [] };
    });
  }

  /** The ids and texts an import must not add again. */
  knownDocuments(): KnownDocuments {
    return {
      // An unreadable document keeps its id: importing over it would destroy what it holds.
      has: (id: string) => this.catalog.has(id) || this.problems.has(documentFile(id)),
      idOfText: (hash: string) => this.catalog.idOfText(hash),
    };
  }

  /**
   * Run an import: `task` writes what it adds into a fresh staging folder (electron/import-staging.ts)
   * and hands it to `commitStaged`; the folder is removed after, whatever happened. One import
   * at a time, so two imports of one text cannot both pass the duplicate check.
   */
  runImport<T>(task: (stage: ImportStage) => Promise<T>): Promise<T> {
    const run = this.#importing.then(async () => {
      this.assertWritable();
      const stage = await ImportStage.create(this.dir, { writeFile: this.options.writeFile });
      try {
        return await task(stage);
      } finally {
        await stage.discard();
      }
    });
    this.#importing = run.catch(() => undefined);
    return run;
  }

  /**
   * Move what `stage` holds into the project, then list its documents (`documents`) in the
   * catalog, all or nothing: on any failure the project is left as it was. Throws
   * StoreError('conflict') when the project gained one of the ids or texts meanwhile.
   */
  async commitStaged(stage: ImportStage, documents: readonly CatalogEntry[]): Promise<void> {
    this.assertWritable();
    if (documents.length === 0 && stage.counts.work === 0) return;
    const known = this.knownDocuments();
    for (const doc of documents) {
      if (known.has(doc.id) || known.idOfText(doc.textHash) !== undefined) {
        throw new StoreError('conflict', `The project gained document "${doc.id}" (or its text) while importing; nothing was imported. Try again.`);
      }
    }
    this.#importsRunning++;
    try {
      await stage.commit();
      for (const doc of documents) this.#writtenDocuments.set(doc.id, stage.stampOf(doc.id));
    } finally {
      this.#importsRunning--;
    }
    try {
      // The catalog last: until it lists them, the new documents are not part of the project.
      await this.catalog.add([...documents]);
    } catch (error) {
      await stage.rollback();
      throw error;
    }
    for (const layerId of stage.newLayers) await this.layers.refresh(layerId, null);
    for (const { layer, docId } of stage.layerFiles) await this.layers.refresh(layer, `${docId}.json`);
  }

  /** Check edits against `labels` from now on; `saveLabels` writes them to the manifest. */
  useLabels(labels: LabelDef[]): void {
    this.manifest.labels = labels;
  }

  /** Write the manifest with the labels in use, atomically, its previous version kept as a backup. */
  async saveLabels(): Promise<void> {
    const file = new JsonFile({ root: this.dir, file: MANIFEST_FILE, schema: manifestSchema, backups: this.backups, writeFile: this.options.writeFile });
    await file.write(this.manifest);
  }

  /** Listen to what changes in the project without a call asking for it; returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Finish pending saves and release the lock; throws StoreError('io') if edits stayed unsaved. */
  async close(): Promise<void> {
    this.#watch?.close();
    this.#watch = null;
    try {
      await this.#takingIn;
      await this.#importing;
      await this.layers.close();
      await this.catalog.close();
    } finally {
      await this.releaseLock();
    }
  }

  /** Throws StoreError('read-only') when another process holds the project. */
  assertWritable(): void {
    if (this.readOnlyReason !== null) throw new StoreError('read-only', this.readOnlyReason);
  }

  #startWatching(): void {
    this.#watch = watchProject({
      root: this.dir,
      folders: [
        { folder: DOCUMENTS_DIR, depth: 0 },
        { folder: LAYERS_DIR, depth: 1 },
      ],
      onChange: (paths) => {
        this.#takingIn = this.#takingIn
          .then(() => this.#filesChanged(paths))
          .catch((error: unknown) => console.error('Spanwise: could not take in files changed on disk', error));
      },
    });
  }

  /** Take in what other programs changed under `documents/` and `layers/`. */
  async #filesChanged(paths: string[]): Promise<void> {
    const documentIds: string[] = [];
    for (const relPath of paths) {
      const [folder, name, fileName, ...deeper] = relPath.split('/');
      if (name === undefined || deeper.length > 0) continue;
      if (folder === DOCUMENTS_DIR && fileName === undefined && name.endsWith('.json')) {
        const docId = name.slice(0, -'.json'.length);
        if (await this.#documentChanged(docId)) documentIds.push(docId);
      } else if (folder === LAYERS_DIR) {
        await this.layers.refresh(name, fileName ?? null);
      }
    }
    if (documentIds.length > 0) {
      this.#emit({ type: 'documents-changed', docIds: documentIds });
      this.#emit({ type: 'project-changed' });
    }
  }

  /**
   * A file in `documents/` changed: bring the cache and catalog in step with it. Returns whether
   * the project's view of the document changed (not so for this process's own imports).
   */
  async #documentChanged(docId: string): Promise<boolean> {
    if (this.#importsRunning > 0) return false;
    const file = path.join(this.dir, documentFile(docId));
    if (this.#writtenDocuments.has(docId) && this.#writtenDocuments.get(docId) === (await currentStamp(file))) return false;
    this.#writtenDocuments.delete(docId);
    this.#documents.delete(docId);
    let doc: DocumentRecord | null;
    try {
      doc = await readDocument(this.dir, docId);
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      this.problems.add(error.file, error.message);
      return true;
    }
    if (doc === null) {
      if (!this.catalog.has(docId)) return false;
      await this.catalog.update([], [docId]);
      return true;
    }
    const entry = catalogEntry(doc);
    const listed = this.catalog.get(docId);
    if (listed && listed.textHash === entry.textHash && listed.title === entry.title) return false;
    await this.catalog.update([entry], []);
    return true;
  }

  #emit(event: ApiEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  async #readDocument(docId: string): Promise<DocumentRecord> {
    if (!this.catalog.has(docId)) throw new StoreError('not-found', `This project has no document "${docId}".`);
    try {
      const doc = await readDocument(this.dir, docId);
      if (!doc) throw new StoreError('not-found', `The file of document "${docId}" is missing from ${DOCUMENTS_DIR}/.`);
      return doc;
    } catch (error) {
      if (error instanceof CorruptFileError) this.problems.add(error.file, error.message);
      throw error;
    }
  }
}
