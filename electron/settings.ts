/**
 * `settings.json` in the data folder: the annotator profiles known on this machine, who is
 * annotating now, and the recently opened projects. An unreadable settings file is left as it
 * is (and named); the session then runs on settings kept in memory only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Annotator } from '../shared/types';
import { Backups } from './backups';
import { FileProblems } from './file-problems';
import { settingsSchema, type SettingsFile } from './file-schemas';
import { JsonFile, openJson } from './json-file';
import { CorruptFileError } from './errors';

const SETTINGS_FILE = 'settings.json';
export const MAX_RECENT_PROJECTS = 10;

export class Settings {
  readonly problems = new FileProblems();

  private constructor(
    private readonly file: JsonFile<SettingsFile>,
    private readonly db: Low<SettingsFile>,
  ) {}

  /** Read the settings of `dataDir`, creating the folder; missing settings start empty. */
  static async load(dataDir: string): Promise<Settings> {
    await mkdir(dataDir, { recursive: true });
    const file = new JsonFile<SettingsFile>({
      root: dataDir,
      file: SETTINGS_FILE,
      schema: settingsSchema,
      backups: new Backups(dataDir, path.join(dataDir, 'backups')),
    });
    const empty: SettingsFile = { format: 'spanwise-settings', version: 1, annotators: [], currentAnnotator: null, recentProjects: [] };
    try {
      return new Settings(file, (await openJson(file, empty)).db);
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      const settings = new Settings(file, new Low(file, empty));
      settings.problems.add(
        error.file,
        `${error.message}. It is left as it is; changes to annotators and recent projects are not saved until it is repaired or removed.`,
      );
      return settings;
    }
  }

  get current(): Annotator | null {
    const { annotators, currentAnnotator } = this.db.data;
    const found = annotators.find((a) => a.id === currentAnnotator);
    return found ? { id: found.id, name: found.name } : null;
  }

  get annotators(): Annotator[] {
    return this.db.data.annotators.map((a) => ({ id: a.id, name: a.name }));
  }

  get recentProjects(): string[] {
    return [...this.db.data.recentProjects];
  }

  /** Make the profile of that name current, creating it with a fresh id if it is new. */
  async useAnnotator(name: string): Promise<Annotator> {
    const wanted = name.trim();
    const data = this.db.data;
    let annotator = data.annotators.find((a) => a.name === wanted);
    if (!annotator) {
      annotator = { id: annotatorId(wanted), name: wanted };
      data.annotators = [...data.annotators, annotator];
    }
    data.currentAnnotator = annotator.id;
    await this.#save();
    return { id: annotator.id, name: annotator.name };
  }

  /** Put `dir` first among the recent projects. */
  async rememberProject(dir: string): Promise<void> {
    const data = this.db.data;
    data.recentProjects = [dir, ...data.recentProjects.filter((d) => d !== dir)].slice(0, MAX_RECENT_PROJECTS);
    await this.#save();
  }

  async close(): Promise<void> {
    await this.file.idle();
  }

  async #save(): Promise<void> {
    if (this.file.unreadable !== null) return;
    await this.db.write();
  }
}

/** An annotator id: `<name-slug>-<6 hex>`, stable and unique even for two people of one name. */
export function annotatorId(name: string, random: string = randomBytes(3).toString('hex')): string {
  return `${nameSlug(name)}-${random}`;
}

/** Lower-case ASCII letters and digits joined by `-`, at most 40; "annotator" if none are left. */
export function nameSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return slug || 'annotator';
}
