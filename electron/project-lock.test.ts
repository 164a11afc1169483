import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireProjectLock, lockPath } from './project-lock';
import { deadPid, tempFolder } from './test-support';

async function writeLock(dir: string, holder: object): Promise<void> {
  await mkdir(path.join(dir, '.spanwise'), { recursive: true });
  await writeFile(lockPath(dir), JSON.stringify(holder));
}

describe('acquireProjectLock', () => {
  it('gives the lock to one holder at a time and frees it on release', async () => {
    const dir = await tempFolder();
    const first = await acquireProjectLock(dir);
    expect(first).toMatchObject({ held: true, tookOver: false });
    const holder = JSON.parse(await readFile(lockPath(dir), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(typeof holder.startedAt).toBe('string');

    const second = await acquireProjectLock(dir);
    expect(second.held).toBe(false);
    if (!second.held) expect(second.reason).toContain(String(process.pid));

    if (first.held) await first.release();
    await expect(stat(lockPath(dir))).rejects.toThrow();
    const third = await acquireProjectLock(dir);
    expect(third.held).toBe(true);
    if (third.held) await third.release();
  });

  it('takes over a lock left by a process that died on this machine', async () => {
    const dir = await tempFolder();
    await writeLock(dir, { pid: deadPid(), hostname: os.hostname(), startedAt: '2020-01-01T00:00:00.000Z' });
    const lock = await acquireProjectLock(dir);
    expect(lock).toMatchObject({ held: true, tookOver: true });
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8')).pid).toBe(process.pid);
    if (lock.held) await lock.release();
  });

  it('takes over a lock from before the last reboot even if its pid is alive again', async () => {
    const dir = await tempFolder();
    await writeLock(dir, { pid: process.pid, hostname: os.hostname(), startedAt: '2020-01-01T00:00:00.000Z', bootedAt: '2020-01-01T00:00:00.000Z' });
    const lock = await acquireProjectLock(dir);
    expect(lock).toMatchObject({ held: true, tookOver: true });
    if (lock.held) await lock.release();
  });

  it('leaves a lock of another machine alone', async () => {
    const dir = await tempFolder();
    await writeLock(dir, { pid: deadPid(), hostname: 'elsewhere.example', startedAt: '2020-01-01T00:00:00.000Z' });
    const lock = await acquireProjectLock(dir);
    expect(lock.held).toBe(false);
    if (!lock.held) expect(lock.reason).toContain('elsewhere.example');
  });

  it('does not release a lock that another process took over meanwhile', async () => {
    const dir = await tempFolder();
    const lock = await acquireProjectLock(dir);
    const theirs = { pid: 1, hostname: 'elsewhere.example', startedAt: '2030-01-01T00:00:00.000Z', token: 'theirs' };
    await writeLock(dir, theirs);
    if (lock.held) await lock.release();
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toEqual(theirs);
  });
});
