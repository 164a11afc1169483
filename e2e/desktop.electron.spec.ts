/**
 * The core flow in the real desktop shell, plus the renderer's isolation. Runs only where an
 * Electron binary exists: launching without one would start Electron's download.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, test, expect } from '@playwright/test';
import type { WebContents, WebPreferences } from 'electron';
import { findElectron } from '../scripts/electron-binary.mjs';
import { repoRoot } from './fixtures';
import { readAnnotatorLayer, readDocument } from './project-files';
import { codePointRange } from './phrases';
import { tagFirstName } from './user';

/** The binary to launch, or why this machine cannot run the desktop spec. */
function desktopShell(): { path: string } | { reason: string } {
  if (!process.env.ELECTRON_EXECUTABLE && !existsSync(join(repoRoot, 'dist/main/main.js'))) {
    return { reason: 'dist/main/main.js is missing (run npm run build)' };
  }
  return findElectron(repoRoot);
}

interface LastWebPreferences {
  getLastWebPreferences(): WebPreferences | null;
}

const shell = desktopShell();
const executablePath = 'path' in shell ? shell.path : undefined;
const skipReason = 'reason' in shell ? `No Electron binary on this machine: ${shell.reason}` : '';
if (skipReason) console.log(`Skipping the desktop spec. ${skipReason}`);
test.skip(!executablePath, skipReason);

test('the desktop window tags a phrase and keeps Node out of the page', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'spanwise-desktop-'));
  // Neither another project nor Node mode (set in some editors' terminals) may leak in.
  const { SPANWISE_PROJECT: _project, ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
  // Chromium refuses to start as root unless its sandbox is off (containers, CI).
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath,
    args: [repoRoot, ...sandbox],
    env: { ...env, SPANWISE_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();

    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // Electron has had this method since version 7, but its typings leave it out.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as WebContents & LastWebPreferences;
      const prefs = contents.getLastWebPreferences();
      return { contextIsolation: prefs?.contextIsolation, sandbox: prefs?.sandbox, nodeIntegration: prefs?.nodeIntegration };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    const pageGlobals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys(window.spanwise ?? {}).sort(),
    }));
    expect(pageGlobals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['call', 'onEvent'] });

    const { docId, phrase, spanId } = await tagFirstName(page, 'Amira');
    const projectDir = join(dataDir, 'projects', 'sample');
    const document = await readDocument(projectDir, docId);
    await expect
      .poll(async () => (await readAnnotatorLayer(projectDir, 'Amira', docId))?.spans)
      .toEqual([expect.objectContaining({ id: spanId, ...codePointRange(document.text, phrase), text: phrase })]);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
