/** The application menu: projects in File, the usual Edit and View entries. */
import { basename } from 'node:path';
import { BrowserWindow, Menu, dialog, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import type { ApiEvent } from '../shared/api';
import { IPC_EVENT_CHANNEL } from '../shared/bridge';
import { StoreError } from './errors';
import type { Service } from './service';

/** What the File menu's entries do. */
export interface ProjectActions {
  newProject(): void;
  openProject(): void;
  openRecent(dir: string): void;
}

/** What the File menu's import and export entries do. */
export interface TransferActions {
  importFiles(): void;
  importFolder(): void;
  exportData(): void;
}

/** The menu for these recent projects (newest first) on this platform. */
export function menuTemplate(
  actions: ProjectActions,
  recentProjects: readonly string[],
  platform: NodeJS.Platform,
  transfer?: TransferActions,
): MenuItemConstructorOptions[] {
  // The window handles Ctrl+I and Ctrl+E itself (its own dialogs, in both modes); the menu only shows them.
  const transferItems: MenuItemConstructorOptions[] = transfer
    ? [
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', registerAccelerator: false, click: () => transfer.importFiles() },
        { label: 'Import Folder…', click: () => transfer.importFolder() },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', registerAccelerator: false, click: () => transfer.exportData() },
      ]
    : [];
  const recent: MenuItemConstructorOptions[] =
    recentProjects.length > 0
      ? recentProjects.map((dir) => ({ label: dir, click: () => actions.openRecent(dir) }))
      : [{ label: 'No recent projects', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newProject() },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { label: 'Open Recent', submenu: recent },
      ...transferItems,
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  // No undo/redo roles: Ctrl+Z belongs to the annotation editor, which undoes span edits.
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return platform === 'darwin' ? [{ role: 'appMenu' }, file, edit, view] : [file, edit, view];
}

/**
 * Install the menu and keep its recent projects current. The service itself tells the renderer
 * (a `project-changed` event) when a project is created or opened; the menu rebuilds on the
 * same event. A failure is shown in a native dialog.
 */
export async function installMenu(
  service: Pick<Service, 'getSession' | 'openProject' | 'createProject' | 'onEvent'>,
): Promise<void> {
  const refresh = async () => {
    const { recentProjects } = await service.getSession();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recentProjects, process.platform, transfer)));
  };

  const switchProject = (title: string, change: () => Promise<void>) => {
    change().catch((error: unknown) => dialog.showErrorBox(title, error instanceof Error ? error.message : String(error)));
  };

  // A project whose manifest cannot be read goes to the window instead, whose project picker
  // says why and offers the manifest's backups; other failures (and no window) get the dialog.
  const open = async (dir: string) => {
    try {
      await service.openProject(dir);
    } catch (error) {
      const unreadable = error instanceof StoreError && error.code === 'corrupt';
      if (!unreadable || !toWindow({ type: 'project-unreadable', dir, message: error.message })) throw error;
    }
  };

  const pickFolder = async (options: OpenDialogOptions): Promise<string | undefined> => {
    const owner = BrowserWindow.getFocusedWindow();
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return choice.canceled ? undefined : choice.filePaths[0];
  };

  const actions: ProjectActions = {
    newProject: () =>
      switchProject('Could not create the project', async () => {
        const dir = await pickFolder({
          title: 'New project: choose an empty folder',
          buttonLabel: 'Create Project',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        });
        if (dir) await service.createProject(dir, basename(dir));
      }),
    openProject: () =>
      switchProject('Could not open the project', async () => {
        const dir = await pickFolder({ title: 'Open project', buttonLabel: 'Open Project', properties: ['openDirectory'] });
        if (dir) await open(dir);
      }),
    openRecent: (dir) => switchProject('Could not open the project', () => open(dir)),
  };

  /** Send the app window an event (picked paths go there, for its import or export dialog); false without a window. */
  const toWindow = (event: ApiEvent): boolean => {
    const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    owner?.webContents.send(IPC_EVENT_CHANNEL, event);
    return owner !== undefined;
  };
  const pickPaths = async (title: string, properties: OpenDialogOptions['properties']): Promise<string[]> => {
    const owner = BrowserWindow.getFocusedWindow();
    const options: OpenDialogOptions = { title, buttonLabel: 'Choose', properties };
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return choice.canceled ? [] : choice.filePaths;
  };
  const transfer: TransferActions = {
    importFiles: () =>
      switchProject('Could not import', async () => {
        const paths = await pickPaths('Import files', ['openFile', 'multiSelections']);
        if (paths.length > 0) toWindow({ type: 'menu-command', command: 'import', paths });
      }),
    importFolder: () =>
      switchProject('Could not import', async () => {
        const paths = await pickPaths('Import a folder', ['openDirectory', 'multiSelections']);
        if (paths.length > 0) toWindow({ type: 'menu-command', command: 'import', paths });
      }),
    exportData: () =>
      switchProject('Could not export', async () => {
        const paths = await pickPaths('Export into a folder', ['openDirectory', 'createDirectory', 'promptToCreate']);
        if (paths.length > 0) toWindow({ type: 'menu-command', command: 'export', paths });
      }),
  };

  service.onEvent((event) => {
    if (event.type === 'project-changed') {
      refresh().catch((error: unknown) => console.error('Spanwise could not rebuild its menu:', error));
    }
  });
  await refresh();
}
