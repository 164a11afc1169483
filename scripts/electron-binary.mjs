// Finding an Electron executable without ever triggering Electron's download: the `electron`
// package fetches its binary on first require(), from outside the npm registry.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable to run the app with, or why there is none. In order: the
 * ELECTRON_EXECUTABLE env var (a file), ELECTRON_OVERRIDE_DIST_PATH (a folder, as the electron
 * package itself reads it), then the binary the electron package installed.
 * @param {string} root
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ path: string } | { reason: string }}
 */
export function findElectron(root, env = process.env) {
  const found = (path, what) => (existsSync(path) ? { path } : { reason: `${what} names ${path}, which does not exist` });
  if (env.ELECTRON_EXECUTABLE) return found(env.ELECTRON_EXECUTABLE, 'ELECTRON_EXECUTABLE');

  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return found(join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron'), 'ELECTRON_OVERRIDE_DIST_PATH');
  }
  if (!executable) return { reason: 'node_modules/electron/path.txt is missing: the electron package never downloaded its binary' };
  return found(join(root, 'node_modules', 'electron', 'dist', executable), 'node_modules/electron/path.txt');
}
