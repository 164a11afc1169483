/**
 * The `app` fixture: every test gets a fresh data folder and its own browser-mode server on a
 * free port, killed when the test ends. The folder is kept (and named in the report) when the
 * test fails, so the files it left can be read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { ApiArgs, ApiMethod, ApiResult, CallOutcome } from '../shared/api';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '..');

const WEB_ENTRY = join(repoRoot, 'dist/main/web.js');
const URL_LINE = /Spanwise browser mode: (http:\/\/127\.0\.0\.1:\d+\/\S*)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** One test's server. `url` changes on restart: the port and the token are new each launch. */
export interface AppServer {
  readonly url: string;
  readonly dataDir: string;
  /** The sample project the first run creates in the data folder. */
  readonly projectDir: string;
  /** Call the API over the loopback transport (`POST /api/call`, bearer token); throws on an error outcome. */
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  /** Stop the server (letting it finish its writes) and start it again on the same folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Launch {
  child: ChildProcess;
  url: string;
}

/** Start `node dist/main/web.js` on `dataDir`; resolves with the URL it prints. */
function launch(dataDir: string, log: string[]): Promise<Launch> {
  // The tests' own environment must not point the server at another folder or project.
  const { SPANWISE_DATA_DIR: _data, SPANWISE_PROJECT: _project, ...env } = process.env;
  const child = spawn(process.execPath, [WEB_ENTRY, '--data-dir', dataDir, '--port', '0'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveLaunch, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server printed no URL within ${START_TIMEOUT_MS} ms:\n${log.join('')}`));
    }, START_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      log.push(chunk);
      pending += chunk;
      const match = URL_LINE.exec(pending);
      if (match) {
        clearTimeout(timer);
        resolveLaunch({ child, url: match[1]! });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${signal ?? `code ${code}`}) before printing its URL:\n${log.join('')}`));
    });
  });
}

/** SIGTERM, so the server can finish pending writes; SIGKILL if it will not go. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ app: AppServer }>({
  // Playwright reads a fixture's dependencies from its first parameter: `{}` asks for none.
  app: async ({}, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spanwise-e2e-'));
    const log: string[] = [];
    let current: Launch | null = await launch(dataDir, log);

    const stop = async () => {
      if (current) await terminate(current.child);
      current = null;
    };
    const live = () => {
      if (!current) throw new Error('The server is stopped; call restart() first');
      return current;
    };
    const server: AppServer = {
      get url() {
        return live().url;
      },
      dataDir,
      projectDir: join(dataDir, 'projects', 'sample'),
      async call(method, args) {
        const { origin, searchParams } = new URL(live().url);
        const response = await fetch(`${origin}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${searchParams.get('token')}` },
          body: JSON.stringify({ method, args }),
        });
        const outcome = (await response.json()) as CallOutcome<ApiResult<typeof method>>;
        if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code}: ${outcome.error.message}`);
        return outcome.result;
      },
      async restart() {
        await stop();
        current = await launch(dataDir, log);
      },
      stop,
    };

    await use(server);

    await stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: log.join(''), contentType: 'text/plain' });
      await testInfo.attach('data folder (kept)', { body: dataDir, contentType: 'text/plain' });
    } else {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
