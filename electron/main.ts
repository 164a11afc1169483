/**
 * The desktop app's main process: wiring only. Each concern lives in its own module —
 * security rules, the window, IPC, the menu — and the service does all the work.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session } from 'electron';
import { connectIpc } from './ipc';
import { installMenu } from './menu';
import { launchOptions } from './paths';
import { hardenContents, hardenSession } from './security';
import { createService, type Service } from './service';
import { createMainWindow, type AppFiles } from './window';

const files: AppFiles = {
  preload: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
  renderer: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
};

const launch = launchOptions(process.argv.slice(1), process.env);
// Chromium's own profile (caches, storage) lives inside the data folder, so one
// SPANWISE_DATA_DIR holds everything a run leaves behind, apart from the projects' own folders.
app.setPath('userData', join(launch.dataDir, 'chromium-profile'));

// Before any window exists, so no web contents ever runs without the rules.
app.on('web-contents-created', (_event, contents) => hardenContents(contents));

let service: Service | undefined;

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  service = await createService({ dataDir: launch.dataDir, projectDir: launch.projectDir, mode: 'desktop' });
  connectIpc(service, files.renderer);
  await installMenu(service);
  createMainWindow(files);
}

app.whenReady().then(start).catch(fail);

function fail(error: unknown): void {
  dialog.showErrorBox('Spanwise could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

// Hold the quit until the service has finished its writes and released the project lock.
let closing: Promise<void> | undefined;
let closed = false;
app.on('before-quit', (event) => {
  if (closed || !service) return;
  event.preventDefault();
  closing ??= service
    .close()
    .catch((error: unknown) => {
      // Edits that could not be saved are lost once the app is gone: say so where it can be seen.
      console.error('Spanwise could not close the project cleanly:', error);
      dialog.showErrorBox('Spanwise could not save everything', error instanceof Error ? error.message : String(error));
    })
    .finally(() => {
      closed = true;
      app.quit();
    });
});
