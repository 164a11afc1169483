import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveRetry, type SaveRetryStatus } from './save-retry';

function retryWith(delaysMs: number[]): { retry: SaveRetry; statuses: SaveRetryStatus[] } {
  const statuses: SaveRetryStatus[] = [];
  const retry = new SaveRetry({ onStatus: (status) => statuses.push(status), describe: (error) => (error as Error).message, delaysMs });
  return { retry, statuses };
}

// Fake timers: the delays are checked to the millisecond, however busy the machine is.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** A save that fails while `failing` is true, counting its attempts. */
function flakySave(): { save: () => Promise<void>; attempts: () => number; heal: () => void } {
  let failing = true;
  let attempts = 0;
  return {
    save: async () => {
      attempts++;
      if (failing) throw new Error('the disk is full');
    },
    attempts: () => attempts,
    heal: () => {
      failing = false;
    },
  };
}

describe('SaveRetry', () => {
  it('tries a kept save again after the delay, backing off, until it succeeds', async () => {
    const { retry, statuses } = retryWith([20, 40]);
    const flaky = flakySave();
    retry.keep('a', flaky.save, 'Could not save a');
    expect(statuses).toEqual([{ pending: 1, error: 'Could not save a' }]);
    await sleep(19);
    expect(flaky.attempts()).toBe(0);
    await sleep(1);
    expect(flaky.attempts()).toBe(1);
    // Then 40 ms later, and every 40 ms after that (the last delay repeats).
    await sleep(39);
    expect(flaky.attempts()).toBe(1);
    await sleep(1);
    expect(flaky.attempts()).toBe(2);
    expect(retry.size).toBe(1);
    expect(statuses.at(-1)).toEqual({ pending: 1, error: 'the disk is full' });
    flaky.heal();
    await sleep(40);
    expect(flaky.attempts()).toBe(3);
    expect(retry.size).toBe(0);
    expect(retry.error).toBeUndefined();
    expect(statuses.at(-1)).toEqual({ pending: 0 });
  });

  it('tries at once on retryNow, and only once however often it is asked meanwhile', async () => {
    const { retry } = retryWith([60_000]);
    const flaky = flakySave();
    retry.keep('a', flaky.save, 'kept');
    flaky.heal();
    await Promise.all([retry.retryNow(), retry.retryNow()]);
    expect(flaky.attempts()).toBe(1);
    expect(retry.has('a')).toBe(false);
  });

  it('forgets a save that another write made, and reports nothing pending', async () => {
    const { retry, statuses } = retryWith([10]);
    const flaky = flakySave();
    retry.keep('a', flaky.save, 'kept');
    retry.saved('a');
    await sleep(30);
    expect(flaky.attempts()).toBe(0);
    expect(statuses.at(-1)).toEqual({ pending: 0 });
  });

  it('keeps a newer save that replaced one while it ran', async () => {
    const { retry } = retryWith([60_000]);
    let release!: () => void;
    const slow = () => new Promise<void>((resolve) => (release = resolve));
    const newer = flakySave();
    retry.keep('a', slow, 'first');
    const running = retry.retryNow();
    retry.keep('a', newer.save, 'second');
    release();
    await running;
    expect(retry.has('a')).toBe(true);
    newer.heal();
    await retry.retryNow();
    expect(retry.has('a')).toBe(false);
  });

  it('stops its timer on stop, keeping what waits for a last retryNow', async () => {
    const { retry } = retryWith([10]);
    const flaky = flakySave();
    retry.keep('a', flaky.save, 'kept');
    retry.stop();
    await sleep(40);
    expect(flaky.attempts()).toBe(0);
    await retry.retryNow();
    expect(flaky.attempts()).toBe(1);
    expect(retry.size).toBe(1);
  });
});
