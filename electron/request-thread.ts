/**
 * A worker thread that answers requests one reply each, matched by id: the export's rendering
 * threads and an import's writing thread. The thread says `THREAD_READY` once its script has
 * loaded; a thread that fails or stops answers every request it took with why, and takes no more.
 */
import { Worker, type Transferable } from 'node:worker_threads';
import type { ThreadScript } from './thread-script';

/** What a thread says once its script has loaded, before any reply. */
export const THREAD_READY = 'ready';

export class RequestThread<Request extends object, Reply extends { id: number }> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  /** Why the thread can take no more requests, once it cannot. */
  #stopped: Error | null = null;
  #nextId = 1;

  private constructor(worker: Worker, name: string) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    worker.on('error', (error) => this.#stop(new Error(`${name} failed: ${error.message}`)));
    worker.on('exit', (code) => this.#stop(new Error(`${name} stopped (exit code ${code}).`)));
  }

  /**
   * The thread once it has loaded its script; null when it could not.
   * @param name what the thread is, as its failures name it ("The export's rendering thread")
   */
  static start<Request extends object, Reply extends { id: number }>({ script, options }: ThreadScript, name: string): Promise<RequestThread<Request, Reply> | null> {
    let worker: Worker;
    try {
      worker = new Worker(script, options);
    } catch {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const failed = () => {
        void worker.terminate();
        resolve(null);
      };
      worker.once('error', failed);
      worker.once('exit', failed);
      worker.once('message', (message: unknown) => {
        worker.off('error', failed);
        worker.off('exit', failed);
        if (message === THREAD_READY) resolve(new RequestThread<Request, Reply>(worker, name));
        else failed();
      });
    });
  }

  /** Send `request` (given an id here) and wait for its reply; `transfer` is handed over, not copied. */
  async request(request: Request, transfer: readonly Transferable[] = []): Promise<Reply> {
    if (this.#stopped) throw this.#stopped;
    const id = this.#nextId++;
    const reply = new Promise<Reply>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    try {
      this.#worker.postMessage({ ...request, id }, transfer);
    } catch (error) {
      this.#pending.delete(id);
      throw error;
    }
    return reply;
  }

  /** Stop the thread; requests still waiting fail with `reason`. */
  async close(reason: string): Promise<void> {
    this.#stop(new Error(reason));
    await this.#worker.terminate();
  }

  #stop(reason: Error): void {
    this.#stopped ??= reason;
    for (const { reject } of this.#pending.values()) reject(this.#stopped);
    this.#pending.clear();
  }
}
