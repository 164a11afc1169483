/**
 * Failures the store raises on purpose, each with a contract error code and a message meant
 * for the user, and the one place that turns any thrown value into an `ApiErrorBody`.
 */
import type { ApiErrorBody, ApiErrorCode } from '../shared/api';

/** A failure the user can act on; its message is shown as it is. */
export class StoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A project file that is not valid JSON or not the expected shape. */
export class CorruptFileError extends StoreError {
  constructor(
    /** Path relative to the project (or data) folder. */
    readonly file: string,
    readonly reason: string,
  ) {
    super('corrupt', `${file} could not be read: ${reason}`);
    this.name = 'CorruptFileError';
  }
}

/**
 * A file that another program (a sync tool, `git pull`, an editor) changed since Spanwise read
 * it: writing Spanwise's version would silently throw that change away, so the write is refused.
 */
export class FileChangedError extends StoreError {
  constructor(
    /** Path relative to the project folder. */
    readonly file: string,
  ) {
    super('conflict', `${file} was changed on disk by another program since Spanwise read it, so it was not written over.`);
    this.name = 'FileChangedError';
  }
}

/** Write failures that go away once the user frees space or makes the folder writable. */
const RETRYABLE_WRITE_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'the folder is read-only',
  EPERM: 'the folder is read-only',
};

/** Whether a failed write is worth keeping in memory and trying again later. */
export function isRetryableWriteError(error: unknown): boolean {
  return isIoError(error) && Object.hasOwn(RETRYABLE_WRITE_REASONS, error.code ?? '');
}

/** What the user is told when an edit could not be saved but is kept to be saved later. */
export function keptEditMessage(file: string, error: unknown): string {
  const code = isIoError(error) ? (error.code ?? '') : '';
  const reason = RETRYABLE_WRITE_REASONS[code] ?? 'the disk refused the write';
  return `Could not save to ${file}: ${reason}; your edit is kept and will be saved when the disk is writable again.`;
}

const IO_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EIO: 'the disk reported an input/output error',
};

/** Node's file-system errors carry a string `code` and usually the `path` involved. */
function isIoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'errno' in error;
}

/** A one-line, user-facing description of a file-system error. */
function ioMessage(error: NodeJS.ErrnoException): string {
  const reason = IO_REASONS[error.code ?? ''] ?? `the system reported ${error.code}`;
  return error.path ? `Could not use ${error.path}: ${reason}` : `A file operation failed: ${reason}`;
}

/**
 * The error body a transport sends for a thrown value. Unexpected errors are logged with their
 * stack here and reach the caller only as a generic message, never with internals.
 */
export function errorBody(error: unknown, log: (message: string, error: unknown) => void): ApiErrorBody {
  if (error instanceof StoreError) return { code: error.code, message: error.message };
  if (isIoError(error)) return { code: 'io', message: ioMessage(error) };
  log('Unexpected error in a Spanwise call', error);
  return { code: 'internal', message: 'Something went wrong inside Spanwise; the details are in its log.' };
}
