/** The app's one window. */
import { BrowserWindow } from 'electron';
import { webPreferencesFor } from './security';

/** The built files the window needs, as absolute paths. */
export interface AppFiles {
  preload: string;
  renderer: string;
}

/** Open the main window on the renderer page; it shows once the page has painted. */
export function createMainWindow(files: AppFiles): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Spanwise',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    webPreferences: webPreferencesFor(files.preload),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(files.renderer).catch((error: unknown) => {
    // A missing or broken build is a developer's problem; say which file.
    console.error(`Spanwise could not load ${files.renderer}:`, error);
  });
  return window;
}
