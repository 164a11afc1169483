#!/usr/bin/env node
// `npm start` opens the desktop app; `npm run web` (or `npm start` where no Electron binary can
// be had) serves the same app in browser mode and prints its URL. Builds first when needed.
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './build.mjs';
import { findElectron } from './electron-binary.mjs';
import { runAndExit } from './run.mjs';

const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const forwarded = args.filter((arg) => arg !== '--browser');

ensureBuilt();

const electron = browserOnly ? undefined : findElectron(ROOT);
if (electron && 'path' in electron) {
  // Chromium refuses to start as root unless its sandbox is off (containers, CI).
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  // Set inside some editors' terminals; it would make Electron run as plain Node.
  const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
  runAndExit(electron.path, [ROOT, ...sandbox, ...forwarded], { cwd: ROOT, env });
} else {
  if (electron) {
    console.log(`The desktop shell is unavailable on this machine (${electron.reason}); starting browser mode instead.`);
  }
  runAndExit(process.execPath, [join(ROOT, 'dist/main/web.js'), ...forwarded], { cwd: ROOT });
}
