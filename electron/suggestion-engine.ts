/**
 * The suggestion engine (shared/suggest) on a thread of its own. For a long article it works
 * for a second or more; on the service's thread that held up every save queued behind it. Here
 * the service only sends the inputs and receives the answer, so an edit is written and answered
 * while suggestions are worked out.
 *
 * One request runs at a time. A request for the same layer and document as one still waiting
 * its turn takes that one's place, and both callers get the newer answer: after a quick run of
 * tags only the last state of the layer is worth working out. The gazetteer is sent whole only
 * when the thread has none of its versions; otherwise only what changed since the one it holds
 * (a tag changes a few entries of tens of thousands), or nothing when it holds this one. Should the thread fail to start (a packaging that
 * cannot load it), the engine runs on the calling thread instead, as it did before.
 */
import { Worker } from 'node:worker_threads';
import { threadScript, type ThreadScript } from './thread-script';
import { offer, type Gazetteer, type GazetteerChange, type OfferInput, type Suggestion } from '../shared/suggest';

/** A gazetteer changed in place (as the project's is), with the version it is at now. */
export interface VersionedGazetteer {
  readonly gazetteer: Gazetteer;
  readonly version: number;
  /** The changes from `version` to this one, in order; null (or absent) when they are not known. */
  changesSince?(version: number): GazetteerChange[] | null;
}

/** What the service asks for. */
export interface EngineInput extends Omit<OfferInput, 'gazetteer'> {
  gazetteer?: VersionedGazetteer;
}

/**
 * A request to the thread: the gazetteer by token, with its value when the thread lacks it, or
 * the changes that make it from the one the thread holds under token `base`.
 */
export interface EngineRequest {
  id: number;
  input: Omit<OfferInput, 'gazetteer'>;
  gazetteer: { token: number; value?: Gazetteer; base?: number; changes?: GazetteerChange[] } | null;
}

export type EngineReply = { id: number; ok: true; suggestions: Suggestion[] } | { id: number; ok: false; message: string };

/** What the thread says once its script has loaded, before any reply. */
export const ENGINE_READY = 'ready';

interface Job {
  key: string;
  input: EngineInput;
  waiters: Array<{ resolve: (suggestions: Suggestion[]) => void; reject: (error: unknown) => void }>;
}

export interface SuggestionEngineOptions {
  /**
   * False to work on the calling thread: for a command-line run, which has nothing else to
   * keep answering and would only pay for starting the thread.
   */
  threaded?: boolean;
  /** How the thread is started (`new Worker(script, options)`); from `threadScript` by default. */
  worker?: ThreadScript;
  log?: (message: string, error: unknown) => void;
}

export class SuggestionEngine {
  readonly #options: SuggestionEngineOptions;
  readonly #queue: Job[] = [];
  #running: Job | null = null;
  #worker: Worker | null = null;
  /** Why there is no thread (not asked for, or it could not start): jobs then run here. */
  #unavailable: string | null = null;
  /** The gazetteer the thread holds: which object, at which version, under which token. */
  #held: { value: Gazetteer; version: number; token: number } | null = null;
  #nextId = 1;
  #nextToken = 1;
  #pending = new Map<number, (reply: EngineReply) => void>();

  constructor(options: SuggestionEngineOptions = {}) {
    this.#options = options;
    if (options.threaded === false) this.#unavailable = 'not asked for';
  }

  /** True when the engine runs on its own thread (false when not asked to, or it failed to start there). */
  get threaded(): boolean {
    return this.#unavailable === null;
  }

  /**
   * The suggestions on offer, worked out off this thread. `key` names the layer and document:
   * a waiting request with the same key is superseded by this one.
   */
  offer(key: string, input: EngineInput): Promise<Suggestion[]> {
    return new Promise((resolve, reject) => {
      const waiting = this.#queue.find((job) => job.key === key);
      if (waiting) {
        waiting.input = input;
        waiting.waiters.push({ resolve, reject });
      } else {
        this.#queue.push({ key, input, waiters: [{ resolve, reject }] });
      }
      this.#drain();
    });
  }

  /** Start the thread and load the tagger now, so the first real request does not pay for it. */
  warmUp(): Promise<void> {
    return this.offer('\u0000warm-up', { text: 'Warm up.', existing: [], rejected: [], labels: [], preAnnotated: [] }).then(() => undefined);
  }

  /** Stop the thread; requests after this start a new one. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#held = null;
    await worker?.terminate();
  }

  #drain(): void {
    if (this.#running) return;
    const job = this.#queue.shift();
    if (!job) {
      this.#worker?.unref();
      return;
    }
    this.#running = job;
    void this.#run(job.input).then(
      (suggestions) => this.#settle(job, (waiter) => waiter.resolve(suggestions)),
      (error: unknown) => this.#settle(job, (waiter) => waiter.reject(error)),
    );
  }

  #settle(job: Job, each: (waiter: Job['waiters'][number]) => void): void {
    this.#running = null;
    for (const waiter of job.waiters) each(waiter);
    this.#drain();
  }

  async #run(input: EngineInput): Promise<Suggestion[]> {
    const worker = this.#unavailable === null ? this.#start() : null;
    if (!worker) return offer({ ...input, gazetteer: input.gazetteer?.gazetteer });
    // Kept alive while it works, so a command-line run waiting for it does not exit.
    worker.ref();
    const { gazetteer, ...rest } = input;
    const id = this.#nextId++;
    const reply = new Promise<EngineReply>((resolve) => this.#pending.set(id, resolve));
    try {
      worker.postMessage({ id, input: rest, gazetteer: gazetteer ? this.#gazetteerFor(gazetteer) : null } satisfies EngineRequest);
    } catch (error) {
      // Not sent: neither an answer nor the gazetteer it may have carried is to be counted on.
      this.#pending.delete(id);
      this.#held = null;
      throw error;
    }
    const answer = await reply;
    // Whether the thread took in the gazetteer is not known: the next request sends it whole.
    if (!answer.ok) this.#held = null;
    // The thread could not start after all (#giveUp): this request is worked out here.
    if (!answer.ok && this.#unavailable !== null) return offer({ ...input, gazetteer: input.gazetteer?.gazetteer });
    if (!answer.ok) throw new Error(`The suggestion engine failed: ${answer.message}`);
    return answer.suggestions;
  }

  /**
   * The gazetteer as the thread should get it: only its token when it holds this version, the
   * changes since the version it holds when they are known, or else whole.
   */
  #gazetteerFor(source: VersionedGazetteer): EngineRequest['gazetteer'] {
    const { gazetteer: value, version } = source;
    const held = this.#held;
    if (held?.value === value && held.version === version) return { token: held.token };
    const changes = held?.value === value ? source.changesSince?.(held.version) : null;
    this.#held = { value, version, token: this.#nextToken++ };
    return changes && held ? { token: this.#held.token, base: held.token, changes } : { token: this.#held.token, value };
  }

  #start(): Worker | null {
    if (this.#worker) return this.#worker;
    const { script, options } = this.#options.worker ?? threadScript('suggestion-worker');
    let worker: Worker;
    try {
      worker = new Worker(script, options);
    } catch (error) {
      this.#giveUp(error);
      return null;
    }
    let ready = false;
    worker.on('message', (reply: EngineReply | typeof ENGINE_READY) => {
      if (reply === ENGINE_READY) {
        ready = true;
        return;
      }
      const resolve = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      resolve?.(reply);
    });
    worker.on('error', (error) => {
      if (!ready) this.#giveUp(error);
      else this.#options.log?.('The suggestion engine stopped; it is started again on the next request', error);
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) {
        this.#worker = null;
        this.#held = null;
      }
      // A request the thread took with it is answered with the reason rather than never.
      for (const [id, resolve] of this.#pending) resolve({ id, ok: false, message: `its thread stopped (exit code ${code})` });
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }

  #giveUp(error: unknown): void {
    this.#unavailable = error instanceof Error ? error.message : String(error);
    this.#options.log?.('The suggestion engine could not start its own thread; it runs on the service thread instead', error);
  }
}
