import { createHash } from 'node:crypto';

/** The sha256 hex digest of a document's text, which layers record to detect a changed text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
