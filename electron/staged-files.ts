/**
 * An import's files written on a thread of its own (electron/import-staging.ts). Creating tens
 * of thousands of files costs the kernel as much time as the import spends reading and checking
 * what it imports; on its own thread that work runs on the other core, and the service's thread
 * only hands batches over. The thread writes synchronously, which costs a fraction of the
 * asynchronous calls' bookkeeping.
 */
import { closeSync, fstatSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stampOf, type FileStamp } from './file-stamp';

/** One file to stage: where, what, and whether its stamp is wanted back. */
export interface StagedFile {
  file: string;
  text: string;
  stamp: boolean;
}

export type StagingRequest = { id: number; files: StagedFile[] };

/** What a failed write said, enough to be told apart by its code as a write here would be. */
export interface WriteFailure {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

export type StagingReply = { id: number; ok: true; stamps: Array<FileStamp | null> } | { id: number; ok: false; failure: WriteFailure };

/**
 * Write each new file (failing where one exists), in folders made as needed; the stamps asked
 * for, in order. Stops at the first failure: an import that cannot write a file is abandoned.
 */
export function writeStagedFiles(files: readonly StagedFile[], madeFolders: Set<string>): Array<FileStamp | null> {
  return files.map(({ file, text, stamp }) => {
    const folder = path.dirname(file);
    if (!madeFolders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeFolders.add(folder);
    }
    const fd = openSync(file, 'wx', 0o644);
    try {
      writeFileSync(fd, text);
      return stamp ? stampOf(fstatSync(fd, { bigint: true })) : null;
    } finally {
      closeSync(fd);
    }
  });
}

/** The thread's side: a request's files written, or what stopped them. */
export function answerStaging({ id, files }: StagingRequest, madeFolders: Set<string>): StagingReply {
  try {
    return { id, ok: true, stamps: writeStagedFiles(files, madeFolders) };
  } catch (error) {
    const { message, code, errno, syscall, path: failedPath } = error as NodeJS.ErrnoException;
    return { id, ok: false, failure: { message: message ?? String(error), code, errno, syscall, path: failedPath } };
  }
}

/** The failure as an error like the one a write here would have thrown. */
export function failureError({ message, ...details }: WriteFailure): NodeJS.ErrnoException {
  return Object.assign(new Error(message), Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)));
}
