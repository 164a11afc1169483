/**
 * `.spanwise/lock`: which process has a project open for writing. A second process gets the
 * project read-only, since two writers would overwrite each other's saves. A lock left by a
 * process that died on this machine (or before the last reboot) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const lockSchema = z.looseObject({
  pid: z.int(),
  hostname: z.string(),
  startedAt: z.string(),
  bootedAt: z.string().optional(),
  token: z.string().optional(),
});

type LockHolder = z.infer<typeof lockSchema>;

export type ProjectLock =
  | {
      held: true;
      /** True when a lock left by a dead process was taken over: its last saves may be unsummarised. */
      tookOver: boolean;
      release(): Promise<void>;
    }
  | { held: false; reason: string };

const UNWRITABLE = 'Spanwise cannot write in this project’s folder; it is opened read-only.';

// A lock file being written by a process that is starting up is empty for a moment; one that
// stays unreadable longer than this was left half-written by a crash.
const UNREADABLE_LOCK_GRACE_MS = 10_000;
// How far two readings of the boot time may differ for the same boot (clock adjustments).
const BOOT_TIME_TOLERANCE_MS = 120_000;

/** The lock file of the project in `projectDir`. */
export function lockPath(projectDir: string): string {
  return path.join(projectDir, '.spanwise', 'lock');
}

/** Take the project's lock, or learn who holds it. */
export async function acquireProjectLock(projectDir: string): Promise<ProjectLock> {
  const file = lockPath(projectDir);
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    if (!isUnwritable(error)) throw error;
    return { held: false, reason: UNWRITABLE };
  }
  let tookOver = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = await tryCreate(file);
    if (mine === 'unwritable') return { held: false, reason: UNWRITABLE };
    if (mine) return held(file, mine, tookOver);
    const holder = await readHolder(file);
    if (holder === 'missing') continue;
    if (holder === 'unreadable') {
      const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age < UNREADABLE_LOCK_GRACE_MS) return { held: false, reason: 'Another Spanwise process is opening this project.' };
    } else if (!isStale(holder)) {
      return { held: false, reason: describeHolder(holder) };
    }
    if (!(await removeIfUnchanged(file))) continue;
    tookOver = true;
  }
  return { held: false, reason: 'Another Spanwise process keeps taking this project’s lock.' };
}

function held(file: string, mine: LockHolder, tookOver: boolean): ProjectLock {
  const releaseOnExit = (): void => {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.once('exit', releaseOnExit);
  let released = false;
  return {
    held: true,
    tookOver,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', releaseOnExit);
      const holder = await readHolder(file);
      if (typeof holder === 'object' && holder.token === mine.token) await unlink(file).catch(() => undefined);
    },
  };
}

async function tryCreate(file: string): Promise<LockHolder | 'unwritable' | null> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    if (isUnwritable(error)) return 'unwritable';
    throw error;
  }
  const mine: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    bootedAt: new Date(bootTime()).toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  try {
    await handle.writeFile(`${JSON.stringify(mine, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return mine;
}

async function readHolder(file: string): Promise<LockHolder | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Whether the holder is a process that no longer runs; only decidable on the same machine. */
function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return false;
  if (holder.bootedAt && Math.abs(Date.parse(holder.bootedAt) - bootTime()) > BOOT_TIME_TOLERANCE_MS) return true;
  return !isAlive(holder.pid);
}

function isUnwritable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootTime(): number {
  return Date.now() - os.uptime() * 1000;
}

function describeHolder(holder: LockHolder): string {
  const where = holder.hostname === os.hostname() ? `process ${holder.pid}` : `${holder.hostname} (process ${holder.pid})`;
  return `This project is open in another Spanwise window (${where}, since ${holder.startedAt}); it is read-only here.`;
}

/**
 * Remove a stale lock unless another process replaced it meanwhile: move it aside, check it
 * is still the one judged stale, and put it back if it is not.
 */
async function removeIfUnchanged(file: string): Promise<boolean> {
  const before = await readFile(file, 'utf8').catch(() => null);
  const aside = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return false;
  }
  const after = await readFile(aside, 'utf8').catch(() => null);
  if (after !== before) {
    await link(aside, file).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}
