/** Turning a `CallOutcome` envelope back into a value or a thrown `ApiError`. */
import { ApiError, type ApiErrorCode } from '../../shared/api';

const ERROR_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'bad-request',
  'not-found',
  'conflict',
  'corrupt',
  'read-only',
  'no-project',
  'io',
  'internal',
]);

/**
 * The result an outcome carries, or its error rethrown as `ApiError`. Anything that is not a
 * well-formed outcome becomes an `internal` error naming the method, so the UI always gets a
 * message it can show.
 */
export function unwrapOutcome<T>(method: string, outcome: unknown): T {
  if (isRecord(outcome)) {
    if (outcome.ok === true && 'result' in outcome) return (outcome as { result: T }).result;
    if (outcome.ok === false && isRecord(outcome.error)) {
      const { code, message } = outcome.error;
      if (typeof message === 'string') {
        const known = typeof code === 'string' && ERROR_CODES.has(code);
        throw new ApiError(known ? (code as ApiErrorCode) : 'internal', message);
      }
    }
  }
  throw new ApiError('internal', `${method}: the service sent an answer that is not a call outcome`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
