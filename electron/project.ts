/**
 * One open project folder (see docs/format.md): its manifest, catalog, documents and layers,
 * its lock, and the files in it that could not be read.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LABELS } from '../shared/labels';
import type { DocumentRecord, ImportReport, ProjectInfo, ProjectManifest, TextInput } from '../shared/types';
import { removeLeftoverTempFiles, writeFileAtomic } from './atomic-file';
import { Backups } from './backups';
import { Catalog, CATALOG_FILE, catalogEntry } from './catalog';
import { DOCUMENTS_DIR, documentFile, readDocument, writeDocuments } from './documents';
import { CorruptFileError, StoreError } from './errors';
import { FileProblems } from './file-problems';
import { manifestSchema } from './file-schemas';
import { JsonFile } from './json-file';
import { Layers, LAYERS_DIR } from './layers';
import { LruCache } from './lru-cache';
import { acquireProjectLock } from './project-lock';
import { planImport } from './text-import';

export const MANIFEST_FILE = 'spanwise-project.json';
// Articles can be large; the few most recently opened are enough to move back and forth.
const CACHED_DOCUMENTS = 16;

export class Project {
  readonly #documents = new LruCache<string, Promise<DocumentRecord>>(CACHED_DOCUMENTS);
  #importing: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly manifest: ProjectManifest,
    readonly problems: FileProblems,
    readonly catalog: Catalog,
    readonly layers: Layers,
    readonly readOnlyReason: string | null,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  /** Open the project in `dir`. Throws StoreError when it is not a readable project. */
  static async open(dir: string): Promise<Project> {
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
      const backups = new Backups(root, path.join(root, '.spanwise', 'backups'));
      const catalog = await Catalog.load(root, problems, readOnly);
      const layers = await Layers.load({ projectDir: root, problems, backups, readOnly, recovering: lock.held && lock.tookOver });
      if (!readOnly) {
        const folders = [root, path.join(root, DOCUMENTS_DIR), ...layers.list().map((l) => path.join(root, LAYERS_DIR, l.id))];
        await Promise.all(folders.map(removeLeftoverTempFiles));
      }
      return new Project(root, manifest, problems, catalog, layers, lock.held ? null : lock.reason, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  /**
   * Make a project in `dir`, which must be missing or empty, holding `articles`, and open it.
   * Throws StoreError('conflict') for a folder that has files in it.
   */
  static async create(dir: string, name: string, articles: TextInput[] = []): Promise<Project> {
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
    const project = await Project.open(root);
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
    // One import at a time, so two imports of one text cannot both pass the duplicate check.
    const run = this.#importing.then(() => this.#import(inputs));
    this.#importing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.#importing;
    await this.layers.close();
    await this.catalog.close();
    await this.releaseLock();
  }

  async #import(inputs: TextInput[]): Promise<ImportReport> {
    this.assertWritable();
    // An unreadable document keeps its id: importing over it would destroy what it holds.
    const known = {
      has: (id: string) => this.catalog.has(id) || this.problems.has(documentFile(id)),
      idOfText: (hash: string) => this.catalog.idOfText(hash),
    };
    const plan = planImport(inputs, known, new Date().toISOString());
    if (plan.errors.length > 0) return { added: [], duplicates: plan.duplicates, errors: plan.errors };
    if (plan.documents.length > 0) {
      await writeDocuments(this.dir, plan.documents);
      // The catalog last: until it lists them, the new documents are not part of the project.
      await this.catalog.add(plan.documents.map(catalogEntry));
    }
    return { added: plan.documents.map((doc) => doc.id), duplicates: plan.duplicates, errors: [] };
  }

  /** Throws StoreError('read-only') when another process holds the project. */
  assertWritable(): void {
    if (this.readOnlyReason !== null) throw new StoreError('read-only', this.readOnlyReason);
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
