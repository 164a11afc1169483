/**
 * Putting back an earlier version of a project file from `.spanwise/backups/`, for a file that
 * became unreadable (a crash of another tool, a bad merge, a hand edit). The backup is checked
 * before it is used, and the version it replaces is moved aside rather than deleted: it may hold
 * work that can still be recovered by hand.
 */
import { copyFile, link, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { BackupInfo } from '../shared/types';
import { asidePath, type AsideReason } from './aside-file';
import { writeFileAtomic, type AtomicWrite } from './atomic-file';
import { projectBackups, type Backups } from './backups';
import { DOCUMENTS_DIR } from './documents';
import { StoreError } from './errors';
import { documentSchema, layerDocumentSchema, layerInfoSchema, manifestSchema } from './file-schemas';
import { parseJson } from './json-file';
import { LAYER_INFO_FILE, SUMMARY_FILE } from './layer-summary';
import { LAYERS_DIR } from './layers';
import { MANIFEST_FILE, type Project, type ProjectOptions } from './project';
import { acquireProjectLock } from './project-lock';
import { textHash } from './text-hash';

/** The files of a project that hold work (and so have backups), by how their contents are checked. */
type SourceFileKind = 'manifest' | 'document' | 'layer-info' | 'layer-document';

const SCHEMAS: Record<SourceFileKind, z.ZodType<unknown>> = {
  manifest: manifestSchema,
  document: documentSchema,
  'layer-info': layerInfoSchema,
  'layer-document': layerDocumentSchema,
};

/**
 * What kind of project file a relative path (with `/` separators) names; 'derived' for the
 * catalog and summaries, which are rebuilt rather than restored; null for anything else.
 */
export function projectFileKind(file: string): SourceFileKind | 'derived' | null {
  const parts = file.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\'))) return null;
  const [first, second, third] = parts;
  if (parts.length === 1) return first === MANIFEST_FILE ? 'manifest' : first === 'catalog.json' ? 'derived' : null;
  if (parts.length === 2 && first === DOCUMENTS_DIR && second!.endsWith('.json')) return 'document';
  if (parts.length === 3 && first === LAYERS_DIR && third!.endsWith('.json')) {
    if (third === LAYER_INFO_FILE) return 'layer-info';
    return third === SUMMARY_FILE ? 'derived' : 'layer-document';
  }
  return null;
}

/** Whether `file` (relative, `/` separators) is a project file Spanwise keeps backups of. */
export function keepsBackups(file: string): boolean {
  const kind = projectFileKind(file);
  return kind !== null && kind !== 'derived';
}

/** The backups of a project file, newest (1) first. Throws StoreError('bad-request') for other paths. */
export async function listBackups(project: Project, file: string): Promise<BackupInfo[]> {
  sourceFile(project.dir, file);
  return project.backups.list(file);
}

/**
 * Replace a project file with its backup number `n`. The backup must be readable; the file it
 * replaces (if any) is kept as `<file>.corrupt-<time>` (or `.replaced-<time>` when it was not
 * known to be unreadable). The caller reopens the project so that nothing cached survives.
 */
export async function restoreBackup(project: Project, file: string, n: number): Promise<void> {
  project.assertWritable();
  const { kind, target } = sourceFile(project.dir, file);
  const site = { backups: project.backups, writeFile: project.options.writeFile };
  await putBack(site, { kind, file, target }, n, project.problems.has(file) ? 'corrupt' : 'replaced');
}

/** The backups of the manifest of the project in `dir`, which need not open (its manifest may be unreadable). */
export function listManifestBackups(dir: string): Promise<BackupInfo[]> {
  return projectBackups(dir).list(MANIFEST_FILE);
}

/**
 * Put back backup `n` of the manifest of the project in `dir`, for a project that cannot be
 * opened because its manifest is unreadable (or gone): the unreadable one is kept as
 * `spanwise-project.json.corrupt-<time>`. A manifest that reads fine is refused, as the project
 * opens and its restore warns about newer work; so is a project another Spanwise holds.
 */
export async function restoreManifest(dir: string, n: number, options: ProjectOptions = {}): Promise<void> {
  const { kind, target } = sourceFile(dir, MANIFEST_FILE);
  const backups = projectBackups(dir);
  // Before the lock, which would make a `.spanwise/` folder in any folder named here.
  if (!(await backups.list(MANIFEST_FILE)).some((backup) => backup.n === n)) {
    throw new StoreError('not-found', `There is no backup ${n} of ${MANIFEST_FILE} in ${dir}.`);
  }
  const lock = await acquireProjectLock(dir);
  if (!lock.held) throw new StoreError('read-only', lock.reason);
  try {
    const current = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (current !== null && unusableBecause(kind, MANIFEST_FILE, current) === null) {
      throw new StoreError('conflict', `${MANIFEST_FILE} in ${dir} reads fine, so the project opens: open it and restore from there.`);
    }
    await putBack({ backups, writeFile: options.writeFile }, { kind, file: MANIFEST_FILE, target }, n, 'corrupt');
  } finally {
    await lock.release();
  }
}

/** Where a backup is put back: the project's backups, and how it writes files. */
interface RestoreSite {
  backups: Backups;
  writeFile?: AtomicWrite;
}

/** Write backup `n` of `file` over it once the backup is known to be readable, the old version kept aside. */
async function putBack(site: RestoreSite, source: { kind: SourceFileKind; file: string; target: string }, n: number, reason: AsideReason) {
  const { kind, file, target } = source;
  const text = await readFile(site.backups.pathOf(file, n), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new StoreError('not-found', `There is no backup ${n} of ${file}.`);
    throw error;
  });
  const unusable = unusableBecause(kind, file, text);
  if (unusable) throw new StoreError('corrupt', `Backup ${n} of ${file} cannot be read either (${unusable}); nothing was changed.`);
  const aside = asidePath(target, reason);
  const write = site.writeFile ?? writeFileAtomic;
  await write(target, text, { beforeReplace: () => keepAside(target, aside) });
}

/** Check that `file` is a project file with backups, inside the project in `dir`; its kind and full path. */
function sourceFile(dir: string, file: string): { kind: SourceFileKind; target: string } {
  const kind = projectFileKind(file);
  if (kind === 'derived') {
    throw new StoreError('bad-request', `${file} is rebuilt from the other files, so it has no backups: delete it and reopen the project.`);
  }
  const target = path.resolve(dir, ...file.split('/'));
  // The kind check already refuses `..` and absolute paths; this holds even if it is loosened.
  if (kind === null || !target.startsWith(dir + path.sep)) {
    throw new StoreError('bad-request', `"${file}" is not a file of this project that Spanwise keeps backups of.`);
  }
  return { kind, target };
}

/** Why the text cannot stand in for the file, or null when it can. */
function unusableBecause(kind: SourceFileKind, file: string, text: string): string | null {
  const parsed = parseJson(text, SCHEMAS[kind]);
  if (!parsed.ok) return parsed.reason;
  if (kind === 'document') {
    const doc = parsed.value as { id: string; text: string; textHash: string };
    if (`${DOCUMENTS_DIR}/${doc.id}.json` !== file) return `its id "${doc.id}" does not match the file name`;
    if (textHash(doc.text) !== doc.textHash) return 'its text does not match its textHash';
  }
  return null;
}

/** Keep the version about to be replaced under another name; a missing file needs nothing. */
async function keepAside(target: string, aside: string): Promise<void> {
  try {
    await link(target, aside);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(target, aside);
  }
}
