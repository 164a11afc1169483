/**
 * The crash harness: proof that no acknowledged edit is lost. It starts Spanwise's browser-mode
 * server (`dist/main/web.js`: the real service and write path) on a fresh data folder, tags the
 * sample articles through the HTTP API from a few clients at once, kills the server with SIGKILL
 * at random (seeded) moments, restarts it, and checks after every restart that
 *  - each document's saved state is the one of the last edit the server acknowledged, or that
 *    state plus the one edit that was in flight on that document when the server died;
 *  - every file in the project parses as JSON.
 * The clients keep a model of each document (spans, status, undo and redo stacks) and predict
 * every answer, so an answer that disagrees with the model is reported too.
 * Shared by the crash test (scripts/crash-harness.test.ts) and `npm run soak`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiArgs, ApiMethod, ApiResult, CallOutcome } from '../shared/api';
import type { DocumentStatus, EditResult, SpanEdit } from '../shared/types';
import { isTempFileName } from '../electron/atomic-file';
import { isGraphemeBoundary } from '../shared/words';

export const REPO_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DEFAULT_SERVER = path.join(REPO_ROOT, 'dist', 'main', 'web.js');
const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];
const STATUSES: DocumentStatus[] = ['new', 'in-progress', 'done'];
/** The service keeps this many undo (and redo) batches; the model must forget as it does. */
const HISTORY_LIMIT = 200;
const START_TIMEOUT_MS = 30_000;

export interface HarnessOptions {
  seed: number;
  /** Stop after this many kills, or after this long (whichever is given). */
  stop: { kills: number } | { durationMs: number };
  /** Load between a start and the kill that ends it, in ms, drawn uniformly from [min, max]. */
  loadMs: [number, number];
  /** Operations per second over all clients; as fast as the server answers when omitted. */
  rate?: number;
  /** Clients working at once, each on documents of its own (so one edit in flight per document). */
  clients?: number;
  /** The server's entry point; `dist/main/web.js` by default. */
  server?: string;
  /** Progress lines go here. */
  log?: (line: string) => void;
  /** Runs after each kill, before the restart, with the data folder: tests damage files here. */
  afterKill?: (dataDir: string) => Promise<void>;
}

export interface HarnessReport {
  seed: number;
  kills: number;
  /** Calls answered by the server. */
  operations: number;
  /** Changing calls the server acknowledged (answered ok). */
  acknowledged: number;
  /** Changing calls the server died before answering. */
  inFlight: number;
  /** Of those, how many turned out to be saved anyway. */
  inFlightSaved: number;
  /** Documents found after a restart in neither the acknowledged state nor that plus the edit in flight. */
  lost: number;
  /** Files that did not parse as JSON after a kill. */
  unparsable: string[];
  /** Answers that contradict the model: refused edits that should apply, wrong spans, stale summaries. */
  divergences: string[];
  elapsedMs: number;
  /** Time from spawning the server to its first answer, per start. */
  startMs: { mean: number; max: number };
  operationsPerSecond: number;
}

/** A span as the model keeps it: what must survive. */
interface SpanState {
  id: string;
  start: number;
  end: number;
  label: string;
}

interface DocState {
  spans: SpanState[];
  status: DocumentStatus;
  undo: SpanState[][];
  redo: SpanState[][];
}

interface DocModel {
  id: string;
  /** Word runs of the text, as code point ranges: where spans may start and end. */
  words: Array<[number, number]>;
  state: DocState;
  /** What the document becomes if the edit in flight when the server died was saved. */
  inFlight: DocState | null;
  /** Set after a loss: the model no longer knows the document's history, so it is left alone. */
  lost: boolean;
}

type Operation =
  | { method: 'editSpans'; edits: SpanEdit[] }
  | { method: 'undo' | 'redo' }
  | { method: 'setDocumentStatus'; status: DocumentStatus };

/** Run the harness; resolves with the report (a loss is reported, not thrown). */
export async function runCrashHarness(options: HarnessOptions): Promise<HarnessReport> {
  const run = new HarnessRun(options);
  try {
    return await run.execute();
  } finally {
    await run.cleanUp();
  }
}

/** A one-line summary of a report. */
export function describeReport(report: HarnessReport): string {
  return (
    `${report.operations} operations (${report.operationsPerSecond.toFixed(1)}/s), ${report.acknowledged} acknowledged, ` +
    `${report.kills} kills, ${report.inFlight} in flight at a kill (${report.inFlightSaved} of them saved), ` +
    `lost acknowledged edits: ${report.lost}, unparsable files: ${report.unparsable.length}, ` +
    `divergences: ${report.divergences.length}, server start ${Math.round(report.startMs.mean)} ms on average ` +
    `(max ${Math.round(report.startMs.max)}), seed ${report.seed}`
  );
}

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ServerGone extends Error {}

class Server {
  private constructor(
    readonly process: ChildProcess,
    readonly url: string,
    readonly token: string,
    readonly exited: Promise<number | null>,
  ) {}

  static async start(entry: string, dataDir: string): Promise<Server> {
    const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // A harness stopped from outside must not leave its server running.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    void exited.then(() => process.removeListener('exit', killOnExit));
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const end = stdout.indexOf('\n');
        if (end >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, end));
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`The server exited (code ${code}) before it started: ${stderr}`));
      });
    });
    const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(line);
    if (!match) throw new Error(`Unexpected first line from the server: ${line}`);
    return new Server(child, match[1]!, match[2]!, exited);
  }

  /** One API call; throws ServerGone when the server is not there to answer. */
  async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<CallOutcome<ApiResult<M>>> {
    let response: Response;
    try {
      response = await fetch(`${this.url}/api/call`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method, args }),
      });
      return (await response.json()) as CallOutcome<ApiResult<M>>;
    } catch (error) {
      throw new ServerGone(String(error));
    }
  }

  /** Answer or fail: for the harness's own bookkeeping calls, which must succeed. */
  async must<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
    const outcome = await this.call(method, args);
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code}: ${outcome.error.message}`);
    return outcome.result;
  }

  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }

  /** A clean shutdown; resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.process.kill('SIGTERM');
    return this.exited;
  }
}

class HarnessRun {
  readonly #random: () => number;
  readonly #clients: number;
  readonly #log: (line: string) => void;
  readonly #docs: DocModel[] = [];
  readonly #startTimes: number[] = [];
  #dir = '';
  #entry = '';
  #snapshot = '';
  #server: Server | null = null;
  #nextSlot = 0;
  #spanCounter = 0;
  readonly #report: HarnessReport;

  constructor(private readonly options: HarnessOptions) {
    this.#random = generator(options.seed);
    this.#clients = options.clients ?? 3;
    this.#log = options.log ?? (() => undefined);
    this.#report = {
      seed: options.seed,
      kills: 0,
      operations: 0,
      acknowledged: 0,
      inFlight: 0,
      inFlightSaved: 0,
      lost: 0,
      unparsable: [],
      divergences: [],
      elapsedMs: 0,
      startMs: { mean: 0, max: 0 },
      operationsPerSecond: 0,
    };
  }

  /** Removes the run's folders if the process ends before `cleanUp` can. */
  readonly #removeOnExit = (): void => {
    for (const dir of [this.#dir, this.#snapshot]) if (dir) rmSync(dir, { recursive: true, force: true });
  };

  async execute(): Promise<HarnessReport> {
    const began = performance.now();
    process.once('exit', this.#removeOnExit);
    this.#dir = await mkdtemp(path.join(os.tmpdir(), 'spanwise-crash-'));
    await this.#snapshotServer();
    await this.#start();
    const server = this.#server!;
    await server.must('setAnnotator', ['Crash Harness']);
    for (const summary of await server.must('listDocuments', [])) {
      const view = await server.must('getDocument', [summary.id]);
      this.#docs.push({ id: summary.id, words: wordRuns(view.document.text), state: stateOf(view.layer), inFlight: null, lost: false });
    }
    const { stop } = this.options;
    const deadline = 'durationMs' in stop ? began + stop.durationMs : Infinity;
    const kills = 'kills' in stop ? stop.kills : Infinity;
    while (this.#report.kills < kills && performance.now() < deadline) {
      const [min, max] = this.options.loadMs;
      const loadMs = Math.min(min + this.#random() * (max - min), deadline - performance.now());
      const killed = await this.#load(Math.max(0, loadMs), performance.now() + loadMs < deadline);
      if (!killed) break;
      await this.options.afterKill?.(path.join(this.#dir, 'data'));
      await this.#checkFilesParse();
      await this.#start();
      await this.#verify();
      if (this.#report.kills % 20 === 0) this.#log(`${this.#report.kills} kills: ${describeReport(this.#finish(began))}`);
    }
    // A last check of everything acknowledged since the last kill, after a clean shutdown.
    const code = await this.#server!.stop();
    this.#server = null;
    if (code !== 0) this.#report.divergences.push(`The server exited with code ${code} on SIGTERM`);
    await this.#checkFilesParse();
    await this.#start();
    await this.#verify();
    return this.#finish(began);
  }

  async cleanUp(): Promise<void> {
    process.removeListener('exit', this.#removeOnExit);
    if (this.#server) await this.#server.kill();
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    if (this.#snapshot) await rm(this.#snapshot, { recursive: true, force: true });
  }

  /**
   * Run a copy of the server's build, so that a rebuild during the run (`npm start` in another
   * terminal) cannot pull it away. The copy sits under node_modules/.cache so that the server
   * still finds its dependencies.
   */
  async #snapshotServer(): Promise<void> {
    const entry = this.options.server ?? DEFAULT_SERVER;
    const cache = path.join(REPO_ROOT, 'node_modules', '.cache');
    await mkdir(cache, { recursive: true });
    this.#snapshot = await mkdtemp(path.join(cache, 'spanwise-crash-'));
    await cp(path.dirname(entry), this.#snapshot, { recursive: true });
    this.#entry = path.join(this.#snapshot, path.basename(entry));
  }

  #finish(began: number): HarnessReport {
    const elapsedMs = performance.now() - began;
    const times = this.#startTimes;
    return {
      ...this.#report,
      elapsedMs,
      startMs: { mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), max: Math.max(0, ...times) },
      operationsPerSecond: this.#report.operations / (elapsedMs / 1000),
    };
  }

  async #start(): Promise<void> {
    const began = performance.now();
    const server = await Server.start(this.#entry, path.join(this.#dir, 'data'));
    // The first answer, not the first line, is when the server is of use.
    await server.must('getSession', []);
    this.#startTimes.push(performance.now() - began);
    this.#server = server;
    this.#nextSlot = performance.now();
  }

  /**
   * Let the clients work for `loadMs`, then kill the server (or, when `kill` is false, let the
   * calls under way finish). Returns whether it killed.
   */
  async #load(loadMs: number, kill: boolean): Promise<boolean> {
    const server = this.#server!;
    let stopping = false;
    const clients = Array.from({ length: this.#clients }, (_, index) => this.#client(server, index, () => stopping));
    await new Promise((resolve) => setTimeout(resolve, loadMs));
    stopping = true;
    if (kill) {
      await server.kill();
      this.#server = null;
      this.#report.kills++;
    }
    await Promise.all(clients);
    return kill;
  }

  /** One client: operations on its own documents, one at a time, until told to stop. */
  async #client(server: Server, index: number, stopping: () => boolean): Promise<void> {
    const mine = this.#docs.filter((doc, i) => i % this.#clients === index && !doc.lost);
    if (mine.length === 0) return;
    while (!stopping()) {
      await this.#pace();
      if (stopping()) return;
      const doc = mine[Math.floor(this.#random() * mine.length)]!;
      const operation = this.#chooseOperation(doc);
      const predicted = predict(doc.state, operation);
      let outcome: CallOutcome<EditResult>;
      try {
        outcome = await callOperation(server, doc.id, operation);
      } catch (error) {
        if (!(error instanceof ServerGone)) throw error;
        doc.inFlight = predicted;
        this.#report.inFlight++;
        return;
      }
      this.#report.operations++;
      this.#take(doc, operation, predicted, outcome);
    }
  }

  /** Hold to the rate, when there is one, over all clients together. */
  async #pace(): Promise<void> {
    if (!this.options.rate) return;
    const now = performance.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + 1000 / this.options.rate;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  /** Record an answer and check it against the model's prediction. */
  #take(doc: DocModel, operation: Operation, predicted: DocState | null, outcome: CallOutcome<EditResult>): void {
    const what = `${operation.method} on ${doc.id}`;
    if (!outcome.ok) {
      if (predicted) this.#report.divergences.push(`${what} was refused (${outcome.error.code}: ${outcome.error.message})`);
      return;
    }
    this.#report.acknowledged++;
    const result = outcome.result;
    if (!predicted) {
      this.#report.divergences.push(`${what} was accepted although the model has nothing to ${operation.method}`);
      doc.state = { spans: spansOf(result.spans), status: result.status, undo: [], redo: [] };
      return;
    }
    const answered: DocState = { ...predicted, spans: spansOf(result.spans), status: result.status };
    if (
      !sameState(answered, predicted) ||
      result.canUndo !== predicted.undo.length > 0 ||
      result.canRedo !== predicted.redo.length > 0
    ) {
      this.#report.divergences.push(`${what} answered ${describeState(answered)}; the model predicted ${describeState(predicted)}`);
    }
    doc.state = answered;
  }

  #chooseOperation(doc: DocModel): Operation {
    const { state } = doc;
    const roll = this.#random();
    if (roll < 0.1 && state.undo.length > 0) return { method: 'undo' };
    if (roll < 0.16 && state.redo.length > 0) return { method: 'redo' };
    if (roll < 0.22) return { method: 'setDocumentStatus', status: STATUSES[Math.floor(this.#random() * STATUSES.length)]! };
    const span = state.spans.length > 0 ? state.spans[Math.floor(this.#random() * state.spans.length)]! : null;
    // Keep documents from filling up: removals grow likelier as spans accumulate.
    if (span && roll < 0.22 + Math.min(0.5, state.spans.length / 80)) return { method: 'editSpans', edits: [{ op: 'remove', id: span.id }] };
    if (span && roll < 0.85) {
      // Always a different label: a change that changes nothing could not be told apart, after a
      // kill, from one never made once the undo stack is full, and the model would lose track.
      const others = LABELS.filter((name) => name !== span.label);
      const label = others[Math.floor(this.#random() * others.length)]!;
      if (!overlapsSameLabel(state.spans, { ...span, label })) {
        return { method: 'editSpans', edits: [{ op: 'update', id: span.id, set: { label } }] };
      }
    }
    for (let tries = 0; tries < 10; tries++) {
      const first = Math.floor(this.#random() * doc.words.length);
      const last = Math.min(doc.words.length - 1, first + Math.floor(this.#random() * 3));
      const candidate: SpanState = {
        id: `s-${this.options.seed}-${++this.#spanCounter}`,
        start: doc.words[first]![0],
        end: doc.words[last]![1],
        label: LABELS[Math.floor(this.#random() * LABELS.length)]!,
      };
      if (!overlapsSameLabel(state.spans, candidate)) {
        const { id, start, end, label } = candidate;
        return { method: 'editSpans', edits: [{ op: 'add', span: { id, start, end, label } }] };
      }
    }
    return { method: 'setDocumentStatus', status: 'in-progress' };
  }

  /** After a restart: every document must hold what was acknowledged (or that plus its edit in flight). */
  async #verify(): Promise<void> {
    const server = this.#server!;
    const tracked = this.#docs.filter((doc) => !doc.lost);
    const views = await Promise.all(tracked.map((doc) => server.must('getDocument', [doc.id])));
    for (const [index, doc] of tracked.entries()) {
      const found = stateOf(views[index]!.layer);
      const stacks = (state: DocState) => found.undo.length === state.undo.length && found.redo.length === state.redo.length;
      if (sameState(found, doc.state) && stacks(doc.state)) {
        // The edit in flight, if any, was not saved: as if never made.
      } else if (doc.inFlight && sameState(found, doc.inFlight) && stacks(doc.inFlight)) {
        doc.state = doc.inFlight;
        this.#report.inFlightSaved++;
      } else {
        this.#report.lost++;
        this.#report.divergences.push(
          `After kill ${this.#report.kills}, ${doc.id} holds ${describeState(found)}; acknowledged was ${describeState(doc.state)}` +
            (doc.inFlight ? `, or with the edit in flight ${describeState(doc.inFlight)}` : ''),
        );
        doc.lost = true;
      }
      doc.inFlight = null;
    }
    const summaries = await server.must('listDocuments', []);
    for (const doc of tracked.filter((d) => !d.lost)) {
      const summary = summaries.find((s) => s.id === doc.id);
      if (summary?.spanCount !== doc.state.spans.length || summary.status !== doc.state.status) {
        this.#report.divergences.push(`After kill ${this.#report.kills}, the document list shows ${doc.id} out of date`);
      }
    }
  }

  /** Every file of the data folder (project, settings, backups) must parse, temporary files aside. */
  async #checkFilesParse(): Promise<void> {
    const root = path.join(this.#dir, 'data');
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || isTempFileName(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      try {
        JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        this.#report.unparsable.push(`${path.relative(root, file)} after kill ${this.#report.kills}: ${(error as Error).message}`);
      }
    }
  }
}

function callOperation(server: Server, docId: string, operation: Operation): Promise<CallOutcome<EditResult>> {
  switch (operation.method) {
    case 'editSpans':
      return server.call('editSpans', [docId, operation.edits]);
    case 'undo':
      return server.call('undo', [docId]);
    case 'redo':
      return server.call('redo', [docId]);
    case 'setDocumentStatus':
      return server.call('setDocumentStatus', [docId, operation.status]);
  }
}

/** The state the service should reach from `state` by `operation`; null when it should refuse. */
function predict(state: DocState, operation: Operation): DocState | null {
  const started: DocumentStatus = state.status === 'new' ? 'in-progress' : state.status;
  switch (operation.method) {
    case 'setDocumentStatus':
      return { ...state, status: operation.status };
    case 'undo':
    case 'redo': {
      const from = operation.method === 'undo' ? state.undo : state.redo;
      const to = operation.method === 'undo' ? state.redo : state.undo;
      const target = from.at(-1);
      if (!target) return null;
      const stacks = { from: from.slice(0, -1), to: [...to, state.spans].slice(-HISTORY_LIMIT) };
      return operation.method === 'undo'
        ? { spans: target, status: started, undo: stacks.from, redo: stacks.to }
        : { spans: target, status: started, undo: stacks.to, redo: stacks.from };
    }
    case 'editSpans': {
      let spans = state.spans;
      for (const edit of operation.edits) {
        if (edit.op === 'add') spans = [...spans, { id: edit.span.id, start: edit.span.start, end: edit.span.end, label: edit.span.label }];
        else if (edit.op === 'remove') spans = spans.filter((s) => s.id !== edit.id);
        else spans = spans.map((s) => (s.id === edit.id ? { ...s, ...pickRange(edit.set) } : s));
      }
      return { spans: sortById(spans), status: started, undo: [...state.undo, state.spans].slice(-HISTORY_LIMIT), redo: [] };
    }
  }
}

function pickRange(set: { label?: string; start?: number; end?: number }): Partial<SpanState> {
  return Object.fromEntries(Object.entries({ label: set.label, start: set.start, end: set.end }).filter(([, v]) => v !== undefined));
}

function stateOf(layer: { spans: SpanState[]; status: DocumentStatus; undo: unknown[]; redo: unknown[] }): DocState {
  // The stacks' contents are inverse edits; only their sizes are compared, so placeholders do.
  return { spans: spansOf(layer.spans), status: layer.status, undo: layer.undo.map(() => []), redo: layer.redo.map(() => []) };
}

function spansOf(spans: SpanState[]): SpanState[] {
  return sortById(spans.map(({ id, start, end, label }) => ({ id, start, end, label })));
}

function sortById(spans: SpanState[]): SpanState[] {
  return [...spans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sameState(a: DocState, b: DocState): boolean {
  return a.status === b.status && JSON.stringify(a.spans) === JSON.stringify(b.spans);
}

function describeState(state: DocState): string {
  return `${state.spans.length} spans [${state.spans.map((s) => s.id).join(' ')}], ${state.status}, undo ${state.undo.length}, redo ${state.redo.length}`;
}

function overlapsSameLabel(spans: SpanState[], candidate: SpanState): boolean {
  return spans.some((s) => s.id !== candidate.id && s.label === candidate.label && s.start < candidate.end && candidate.start < s.end);
}

/**
 * Runs that start with a letter or digit and go on over letters, marks and digits, as code point
 * ranges, kept where both ends are grapheme boundaries: spans on them are valid.
 */
function wordRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let offset = 0;
  let start = -1;
  for (const char of text) {
    if (start < 0 && /[\p{L}\p{N}]/u.test(char)) start = offset;
    else if (start >= 0 && !/[\p{L}\p{M}\p{N}]/u.test(char)) {
      runs.push([start, offset]);
      start = -1;
    }
    offset++;
  }
  if (start >= 0) runs.push([start, offset]);
  return runs.filter(([from, to]) => isGraphemeBoundary(text, from) && isGraphemeBoundary(text, to));
}
