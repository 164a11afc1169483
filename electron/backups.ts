/**
 * Rotating backups: before a file is replaced, its current version becomes `<name>.1` in the
 * backup folder, `.1` becomes `.2`, and so on up to `keep`, so the last few good versions of
 * every saved file can be recovered by hand.
 */
import { link, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BackupInfo } from '../shared/types';
import { writeFileAtomic } from './atomic-file';

const BACKUPS_KEPT = 3;

/** The backups of the project in `root`, kept in its `.spanwise/backups/` (docs/format.md). */
export function projectBackups(root: string): Backups {
  return new Backups(root, path.join(root, '.spanwise', 'backups'));
}

export class Backups {
  readonly #made = new Set<string>();

  /**
   * @param root the folder that backed-up files are named relative to
   * @param dir the backup folder, which mirrors the layout of `root`
   */
  constructor(
    readonly root: string,
    readonly dir: string,
    readonly keep = BACKUPS_KEPT,
  ) {}

  /** Where backup number `n` of the file at `relPath` lives. */
  pathOf(relPath: string, n: number): string {
    return path.join(this.dir, `${relPath}.${n}`);
  }

  /** The backups of the file at `relPath` that exist, newest (1) first. */
  async list(relPath: string): Promise<BackupInfo[]> {
    const found: BackupInfo[] = [];
    for (let n = 1; n <= this.keep; n++) {
      const info = await stat(this.pathOf(relPath, n)).catch(() => null);
      // A backup is a link to (or copy of) the version replaced, so its time is when that was saved.
      if (info?.isFile()) found.push({ n, savedAt: info.mtime.toISOString(), size: info.size });
    }
    return found;
  }

  /** Keep the current version of `relPath` (if there is one) as backup 1, shifting older ones. */
  async keepCurrent(relPath: string): Promise<void> {
    const source = path.join(this.root, relPath);
    const current = await stat(source, { bigint: true }).catch(() => null);
    if (!current) return;
    const newest = this.pathOf(relPath, 1);
    const folder = path.dirname(newest);
    if (!this.#made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.#made.add(folder);
    }
    // A crash after the link below and before the file was replaced leaves backup 1 as the
    // current version itself: it is kept already. (Some file systems give every file inode 0.)
    const kept = await stat(newest, { bigint: true }).catch(() => null);
    if (kept && current.ino !== 0n && kept.ino === current.ino && kept.dev === current.dev) return;
    // Oldest first, so that each rename goes to a free name. A rename between two names of one
    // file (links an earlier crash left) does nothing and would leave backup 1 in the way of the
    // link, and copying over it would truncate every backup that shares its contents.
    await unlink(this.pathOf(relPath, this.keep)).catch(ignoreMissing);
    for (let n = this.keep - 1; n >= 1; n--) {
      await rename(this.pathOf(relPath, n), this.pathOf(relPath, n + 1)).catch(ignoreMissing);
    }
    // A hard link costs no copying: the rename that follows gives the target a new inode and
    // leaves the old one to the backup. File systems without links get a copy, made whole
    // before it takes the name.
    await link(source, newest).catch(async () => {
      await writeFileAtomic(newest, await readFile(source), { syncDir: false });
    });
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
