/**
 * A file's stamp: what tells one version of a file from another without reading it. Any program
 * that replaces the file (a new inode, as sync tools and `git pull` do) or rewrites it in place (a
 * new size or modification time) gives it a new stamp, so comparing the stamp Spanwise recorded
 * when it last read or wrote a file with the stamp now on disk tells whether someone else has
 * changed it since.
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';

export type FileStamp = string;

/** The stamp of a file from its (bigint) stats. */
export function stampOf(stats: BigIntStats): FileStamp {
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/** The stamp of the file now on disk, or null when there is none. */
export async function currentStamp(file: string): Promise<FileStamp | null> {
  try {
    return stampOf(await stat(file, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
