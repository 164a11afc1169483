/**
 * `catalog.json`: the document list (id, title, hash, length) in import order, so the list
 * opens without reading every article. It is derived: on open it is checked against the
 * `documents/` folder and rebuilt from the documents when missing, unreadable or out of step.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { idSchema } from '../shared/apiSchemas';
import { codePointLength } from '../shared/text';
import type { CatalogEntry, DocumentRecord } from '../shared/types';
import { isTempFileName } from './atomic-file';
import { DOCUMENTS_DIR, readDocument } from './documents';
import { CorruptFileError } from './errors';
import type { FileProblems } from './file-problems';
import { catalogSchema, type CatalogFile } from './file-schemas';
import { JsonFile } from './json-file';

export const CATALOG_FILE = 'catalog.json';

export function catalogEntry(doc: DocumentRecord): CatalogEntry {
  return { id: doc.id, title: doc.title, textHash: doc.textHash, length: codePointLength(doc.text), importedAt: doc.importedAt };
}

export class Catalog {
  readonly #entries = new Map<string, CatalogEntry>();
  readonly #idByHash = new Map<string, string>();

  private constructor(
    private readonly file: JsonFile<CatalogFile>,
    private readonly readOnly: boolean,
    entries: CatalogEntry[],
  ) {
    for (const entry of entries) this.#put(entry);
  }

  /** Read the catalog and bring it in step with `documents/`; unreadable documents become problems. */
  static async load(projectDir: string, problems: FileProblems, readOnly: boolean): Promise<Catalog> {
    const file = new JsonFile({ root: projectDir, file: CATALOG_FILE, schema: catalogSchema, derived: true });
    const storedFile = await file.read();
    const stored = storedFile?.documents ?? [];
    const onDisk = await documentIds(projectDir, problems);
    const kept = stored.filter((entry) => onDisk.has(entry.id));
    const listed = new Set(kept.map((entry) => entry.id));
    const added: CatalogEntry[] = [];
    for (const id of [...onDisk].filter((docId) => !listed.has(docId)).sort()) {
      try {
        const doc = await readDocument(projectDir, id);
        if (doc) added.push(catalogEntry(doc));
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        problems.add(error.file, error.message);
      }
    }
    added.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
    const catalog = new Catalog(file, readOnly, [...kept, ...added]);
    if (!readOnly && (added.length > 0 || kept.length !== stored.length || storedFile === null)) await catalog.#save();
    return catalog;
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): CatalogEntry[] {
    return [...this.#entries.values()];
  }

  get(id: string): CatalogEntry | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The id of the document whose text has this hash. */
  idOfText(hash: string): string | undefined {
    return this.#idByHash.get(hash);
  }

  /** Add entries for documents already written, and save the catalog. */
  async add(entries: CatalogEntry[]): Promise<void> {
    for (const entry of entries) this.#put(entry);
    try {
      await this.#save();
    } catch (error) {
      for (const entry of entries) this.#remove(entry);
      throw error;
    }
  }

  /**
   * Bring the catalog in step with documents another program added, changed or removed: `put`
   * entries are added or replaced (keeping their place), `drop` ids removed; then it is saved.
   */
  async update(put: CatalogEntry[], drop: string[]): Promise<void> {
    for (const id of drop) {
      const entry = this.#entries.get(id);
      if (entry) this.#remove(entry);
    }
    for (const entry of put) {
      const old = this.#entries.get(entry.id);
      if (old && this.#idByHash.get(old.textHash) === old.id) this.#idByHash.delete(old.textHash);
      this.#put(entry);
    }
    await this.#save();
  }

  async close(): Promise<void> {
    await this.file.idle();
  }

  async #save(): Promise<void> {
    if (this.readOnly) return;
    await this.file.write({ format: 'spanwise-catalog', version: 1, documents: this.entries() });
  }

  #put(entry: CatalogEntry): void {
    this.#entries.set(entry.id, entry);
    if (!this.#idByHash.has(entry.textHash)) this.#idByHash.set(entry.textHash, entry.id);
  }

  #remove(entry: CatalogEntry): void {
    this.#entries.delete(entry.id);
    if (this.#idByHash.get(entry.textHash) === entry.id) this.#idByHash.delete(entry.textHash);
  }
}

/** The ids of the document files; a file whose name cannot be an id is named as a problem. */
async function documentIds(projectDir: string, problems: FileProblems): Promise<Set<string>> {
  const names = await readdir(path.join(projectDir, DOCUMENTS_DIR)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.json') || isTempFileName(name)) continue;
    const id = name.slice(0, -'.json'.length);
    if (idSchema.safeParse(id).success) ids.add(id);
    else problems.add(`${DOCUMENTS_DIR}/${name}`, `${DOCUMENTS_DIR}/${name} is skipped: its name is not a valid document id`);
  }
  return ids;
}
