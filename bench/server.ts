/**
 * Spanwise in browser mode as the benchmark drives it: `node dist/main/web.js` (a copy) on a data folder
 * and project, its URL, calls over its HTTP API, and what its process holds in memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ApiArgs, ApiMethod, ApiResult, CallOutcome } from '../shared/api';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
/**
 * The build the benchmark runs: a copy of dist/ taken at its start, so a rebuild during the run
 * (by `npm start`, the e2e tests or an editor) cannot swap the code under it half way. It sits
 * inside the repository so its imports still find node_modules.
 */
const BUILD_COPY = path.join(REPO_ROOT, '.tmp/bench-dist');
const WEB_ENTRY = path.join(BUILD_COPY, 'main/web.js');

/** Copy dist/ to where `startServer` runs it from. */
export function copyBuild(): void {
  rmSync(BUILD_COPY, { recursive: true, force: true });
  cpSync(path.join(REPO_ROOT, 'dist'), BUILD_COPY, { recursive: true });
}
const URL_LINE = /Spanwise browser mode: (http:\/\/127\.0\.0\.1:\d+\/\S*)/;
const START_TIMEOUT_MS = 60_000;

export interface SpanwiseServer {
  /** The page URL, token included. */
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawning the process to its printing the URL (the project is open then). */
  readonly startMs: number;
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  /** Resident and peak resident memory of the server process, in MB (from /proc). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** Start browser mode on `dataDir` with `projectDir` open; resolves once it prints its URL. */
export async function startServer(dataDir: string, projectDir: string): Promise<SpanwiseServer> {
  const { SPANWISE_DATA_DIR: _data, SPANWISE_PROJECT: _project, ...env } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [WEB_ENTRY, '--data-dir', dataDir, '--project', projectDir, '--port', '0'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Spanwise printed no URL within ${START_TIMEOUT_MS} ms:\n${log.join('')}`));
    }, START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      log.push(chunk);
      seen += chunk;
      const match = URL_LINE.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Spanwise exited (${signal ?? `code ${code}`}) before printing its URL:\n${log.join('')}`));
    });
  });
  const startMs = performance.now() - started;
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token');

  return {
    url,
    pid: child.pid!,
    startMs,
    async call(method, args) {
      const response = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ method, args }),
      });
      const outcome = (await response.json()) as CallOutcome<ApiResult<typeof method>>;
      if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code}: ${outcome.error.message}`);
      return outcome.result;
    },
    memory: () => processMemory(child.pid!),
    stop: () => terminate(child),
  };
}

/** VmRSS and VmHWM of a process, in MB. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** SIGTERM, so pending saves finish and the project lock is released; SIGKILL if it hangs. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
