/**
 * Where Spanwise keeps its data and which project it opens at start, shared by the Electron
 * main process and browser mode. Nothing here reads the environment on its own: callers pass
 * `process.env`, `process.argv`, so tests can give any.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const APP_FOLDER = 'Spanwise';

/** The per-user config folder of the platform, with Spanwise's folder in it. */
export function platformDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER);
}

/** The project the first run creates, holding the sample articles. */
export function sampleProjectDir(dataDir: string): string {
  return path.join(dataDir, 'projects', 'sample');
}

export interface LaunchOptions {
  dataDir: string;
  /** The project asked for on the command line or in the environment; else the service decides. */
  projectDir?: string;
  port?: number;
}

/**
 * Read `--project DIR`, `--data-dir DIR` and `--port N` from the arguments (unknown ones, such
 * as Chromium's switches, are ignored) and `SPANWISE_PROJECT`, `SPANWISE_DATA_DIR` from the
 * environment. The command line wins. Relative folders are taken from `cwd`.
 */
export function launchOptions(args: string[], env: NodeJS.ProcessEnv, cwd: string = process.cwd()): LaunchOptions {
  const { values } = parseArgs({
    args,
    options: { project: { type: 'string' }, 'data-dir': { type: 'string' }, port: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const dataDir = text(values['data-dir']) ?? text(env.SPANWISE_DATA_DIR);
  const projectDir = text(values.project) ?? text(env.SPANWISE_PROJECT);
  const port = text(values.port);
  return {
    dataDir: dataDir ? path.resolve(cwd, dataDir) : platformDataDir(process.platform, env),
    ...(projectDir ? { projectDir: path.resolve(cwd, projectDir) } : {}),
    ...(port !== undefined ? { port: parsePort(port) } : {}),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}
