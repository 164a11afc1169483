/**
 * Names for versions of a file that Spanwise moves out of the way instead of deleting: an
 * unreadable file replaced by a backup, edits that could not be saved before another program
 * changed their file. They sit beside the file, and no reader of the project picks them up.
 */

export type AsideReason = 'corrupt' | 'replaced' | 'unsaved';

/** `<file>.<reason>-<UTC time>`, with a time that is valid in file names on every platform. */
export function asidePath(file: string, reason: AsideReason, now: Date = new Date()): string {
  const time = now.toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `${file}.${reason}-${time}`;
}
