/**
 * Saves that failed because the disk is full or the folder read-only. Their data stays in memory
 * and each is tried again: after a growing delay, and at once whenever `retryNow` is called (on
 * the next edit), until it succeeds. Whoever owns the data keeps it; this only keeps the clock.
 */

/** What the user is told while saves wait: how many, and why the last attempt failed. */
export interface SaveRetryStatus {
  pending: number;
  error?: string;
}

export interface SaveRetryOptions {
  /** Called whenever the number of waiting saves or the reason changes. */
  onStatus: (status: SaveRetryStatus) => void;
  /** Describes why a retry failed, for `SaveRetryStatus.error`. */
  describe: (error: unknown) => string;
  /** Delays between attempts, in ms; the last one repeats. */
  delaysMs?: number[];
}

const DEFAULT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export class SaveRetry {
  readonly #pending = new Map<string, () => Promise<void>>();
  readonly #delaysMs: number[];
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #error: string | undefined;
  #stopped = false;

  constructor(private readonly options: SaveRetryOptions) {
    this.#delaysMs = options.delaysMs ?? DEFAULT_DELAYS_MS;
  }

  /** How many saves are waiting. */
  get size(): number {
    return this.#pending.size;
  }

  /** Why the last attempt failed, while saves are waiting. */
  get error(): string | undefined {
    return this.#error;
  }

  has(key: string): boolean {
    return this.#pending.has(key);
  }

  /** Keep trying `save` (in place of any earlier save under `key`) until it resolves. */
  keep(key: string, save: () => Promise<void>, error: string): void {
    this.#pending.set(key, save);
    this.#error = error;
    this.#schedule();
    this.#report();
  }

  /** The data under `key` was saved by another write: stop trying. */
  saved(key: string): void {
    if (!this.#pending.delete(key)) return;
    if (this.#pending.size === 0) this.#settle();
    this.#report();
  }

  /** Try every waiting save now; resolves once they have been tried (never rejects). */
  retryNow(): Promise<void> {
    if (this.#running) return this.#running;
    if (this.#pending.size === 0) return Promise.resolve();
    this.#clearTimer();
    this.#running = this.#runAll().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Stop the timer; waiting saves are kept, so a last `retryNow` can still be made. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  async #runAll(): Promise<void> {
    for (const [key, save] of [...this.#pending]) {
      try {
        await save();
        // A newer failed save may have replaced this one while it ran: that one still waits.
        if (this.#pending.get(key) === save) this.#pending.delete(key);
      } catch (error) {
        this.#error = this.options.describe(error);
      }
    }
    if (this.#pending.size === 0) {
      this.#settle();
    } else {
      this.#attempt++;
      this.#schedule();
    }
    this.#report();
  }

  #schedule(): void {
    if (this.#timer || this.#stopped) return;
    const delay = this.#delaysMs[Math.min(this.#attempt, this.#delaysMs.length - 1)]!;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.retryNow();
    }, delay);
    // Waiting saves must not keep a process alive that is otherwise done; close() makes a last try.
    this.#timer.unref();
  }

  #settle(): void {
    this.#attempt = 0;
    this.#error = undefined;
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #report(): void {
    this.options.onStatus({ pending: this.#pending.size, ...(this.#error !== undefined ? { error: this.#error } : {}) });
  }
}
