/**
 * One file's write queue. Writes run one at a time in call order; versions that arrive while a
 * write is running are merged into a single write of the newest, since only the last matters.
 * Each `write` promise settles only when a write holding that version (or a newer one) is done.
 */
interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class SerialWriter {
  #running: Promise<void> | null = null;
  #next: { data: string; waiters: Waiter[] } | null = null;

  constructor(private readonly writeOnce: (data: string) => Promise<void>) {}

  /** True while a write is running or waiting. */
  get busy(): boolean {
    return this.#running !== null;
  }

  write(data: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#next) {
        this.#next.data = data;
        this.#next.waiters.push({ resolve, reject });
      } else {
        this.#next = { data, waiters: [{ resolve, reject }] };
      }
      this.#running ??= this.#drain();
    });
  }

  /** Resolves once every write asked for so far has finished (successfully or not). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#next) {
      const batch = this.#next;
      this.#next = null;
      try {
        await this.writeOnce(batch.data);
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
    this.#running = null;
  }
}
