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
