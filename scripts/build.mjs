// Whether dist/ is current with the sources, and building it when it is not. Shared by
// `npm start`, `npm run test:e2e` and the `spanwise` CLI launcher.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root. */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Every file the build writes; the oldest of them dates the build. */
export const BUILD_OUTPUTS = [
  'dist/main/main.js',
  'dist/main/web.js',
  'dist/main/cli.js',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
];

const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package-lock.json'];
/** Tests are not part of the build: editing one must not force a rebuild. */
const NOT_BUILT = /\.test\.tsx?$/;

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !NOT_BUILT.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Why `root` needs a build, or null when dist/ is newer than every source file. Without
 * sources (an installed package) an existing build is current.
 * @param {string} root
 * @returns {string | null}
 */
export function staleReason(root) {
  const missing = BUILD_OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  const builtAt = Math.min(...BUILD_OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  const sources = [
    ...SOURCE_DIRS.flatMap((dir) => filesUnder(join(root, dir))),
    ...SOURCE_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ];
  const newer = sources.find((file) => statSync(file).mtimeMs > builtAt);
  return newer ? `${relative(root, newer)} changed since the last build` : null;
}

/**
 * Build with electron-vite when dist/ is missing or older than a source file. The build's
 * output goes to stderr so a command's own stdout (`spanwise stats --json`) stays clean.
 * Exits the process when the build fails.
 * @param {string} [root]
 */
export function ensureBuilt(root = ROOT) {
  const reason = staleReason(root);
  if (!reason) return;
  console.error(`Building Spanwise (${reason})…`);
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`The build failed (${result.error?.message ?? `exit code ${result.status}`}); see the output above.`);
    process.exit(result.status || 1);
  }
}
