/**
 * How the earlier versions Spanwise keeps of a file are shown to someone choosing one to put
 * back: when it was saved (and how long ago, which is what tells versions apart at a glance)
 * and how big it is (a version much smaller than its neighbours lost something).
 */
import type { BackupInfo } from '../../shared/types';

export interface BackupRow {
  n: number;
  /** The local date and time it was saved. */
  when: string;
  /** How long before `now` that was: "just now", "5 minutes ago", "3 days ago". */
  age: string;
  size: string;
}

/** Locale and time zone for the times shown; the platform's own when not given (tests fix them). */
export interface TimeFormat {
  locale?: string;
  timeZone?: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function backupRow(backup: BackupInfo, now: Date, format: TimeFormat = {}): BackupRow {
  const saved = new Date(backup.savedAt);
  const when = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: format.timeZone }).format(saved);
  return { n: backup.n, when, age: ageText(now.getTime() - saved.getTime()), size: sizeText(backup.size) };
}

/** A duration in the past, in the largest whole unit; "just now" under a minute (or for clock skew). */
export function ageText(ms: number): string {
  if (ms < MINUTE) return 'just now';
  const [amount, unit] = ms < HOUR ? [ms / MINUTE, 'minute'] : ms < DAY ? [ms / HOUR, 'hour'] : [ms / DAY, 'day'];
  const whole = Math.floor(amount);
  return `${whole} ${unit}${whole === 1 ? '' : 's'} ago`;
}

/** Bytes as people read them: "812 bytes", "4.2 KB", "1.3 MB" (powers of 1024, as file managers use). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const [amount, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${amount < 10 ? amount.toFixed(1) : Math.round(amount)} ${unit}`;
}
