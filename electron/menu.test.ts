import { describe, it, expect, vi, beforeEach } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { ApiEvent } from '../shared/api';
import { IPC_EVENT_CHANNEL } from '../shared/bridge';
import type { Session } from '../shared/types';
import { StoreError } from './errors';
import { installMenu, menuTemplate, type ProjectActions } from './menu';

const electron = vi.hoisted(() => ({
  menus: [] as MenuItemConstructorOptions[][],
  dialogAnswers: [] as Array<{ canceled: boolean; filePaths: string[] }>,
  dialogTitles: [] as string[],
  errors: [] as string[][],
  /** What the app window was sent, as [channel, event]; there is a window only while this is set. */
  sent: null as Array<[string, unknown]> | null,
}));

vi.mock('electron', () => ({
  BrowserWindow: {
    getFocusedWindow: () => null,
    getAllWindows: () => (electron.sent ? [{ webContents: { send: (channel: string, event: unknown) => electron.sent?.push([channel, event]) } }] : []),
  },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (menu: MenuItemConstructorOptions[]) => electron.menus.push(menu),
  },
  dialog: {
    showOpenDialog: async (options: { title: string }) => {
      electron.dialogTitles.push(options.title);
      return electron.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
    },
    showErrorBox: (title: string, message: string) => electron.errors.push([title, message]),
  },
}));

/** Every item of a template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`No menu item ${label}`);
  return item;
}

function click(item: MenuItemConstructorOptions) {
  (item.click as () => void)();
}

function recordingActions() {
  const calls: string[][] = [];
  const actions: ProjectActions = {
    newProject: () => calls.push(['new']),
    openProject: () => calls.push(['open']),
    openRecent: (dir) => calls.push(['recent', dir]),
  };
  return { calls, actions };
}

describe('menuTemplate', () => {
  it('lists recent projects, each opening its own folder', () => {
    const { calls, actions } = recordingActions();
    const template = menuTemplate(actions, ['/data/a', '/data/b b'], 'linux');
    const recent = find(template, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(recent.map((item) => item.label)).toEqual(['/data/a', '/data/b b']);
    recent.forEach(click);
    click(find(template, 'New Project…'));
    click(find(template, 'Open Project…'));
    expect(calls).toEqual([['recent', '/data/a'], ['recent', '/data/b b'], ['new'], ['open']]);
  });

  it('says when there is nothing recent', () => {
    const template = menuTemplate(recordingActions().actions, [], 'linux');
    expect(find(template, 'Open Recent').submenu).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it.each(['linux', 'win32', 'darwin'] as const)('on %s leaves Ctrl+Z to the editor and offers a way out', (platform) => {
    const roles = items(menuTemplate(recordingActions().actions, [], platform)).map((item) => item.role);
    expect(roles).not.toContain('undo');
    expect(roles).not.toContain('redo');
    expect(roles.includes('quit') || roles.includes('appMenu')).toBe(true);
  });
});

describe('installMenu', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** A service that, like the real one, emits `project-changed` after switching projects. */
  function fakeService(recent: string[]) {
    const calls: string[][] = [];
    const listeners = new Set<(event: ApiEvent) => void>();
    const session = async (): Promise<Session> => ({
      mode: 'desktop',
      project: null,
      annotator: null,
      annotators: [],
      recentProjects: [...recent],
      problems: [],
      readOnly: false,
    });
    const switched = (dir: string) => {
      recent.unshift(dir);
      listeners.forEach((listener) => listener({ type: 'project-changed' }));
      return session();
    };
    return {
      calls,
      getSession: session,
      onEvent: (listener: (event: ApiEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      openProject: async (dir: string) => {
        calls.push(['open', dir]);
        if (dir.includes('broken')) throw new Error(`${dir}/spanwise-project.json: not a Spanwise project`);
        if (dir.includes('truncated')) throw new StoreError('corrupt', 'spanwise-project.json could not be read: the file is empty');
        return switched(dir);
      },
      createProject: async (dir: string, name: string) => {
        calls.push(['create', dir, name]);
        return switched(dir);
      },
    };
  }

  function recentLabels(): Array<string | undefined> {
    const recent = find(electron.menus.at(-1) ?? [], 'Open Recent').submenu as MenuItemConstructorOptions[];
    return recent.map((item) => item.label);
  }

  beforeEach(() => {
    electron.menus.length = 0;
    electron.dialogAnswers.length = 0;
    electron.dialogTitles.length = 0;
    electron.errors.length = 0;
    electron.sent = null;
  });

  it('hands what File › Import and Export pick to the window, whose dialogs take it from there', async () => {
    await installMenu(fakeService([]));
    electron.sent = [];
    electron.dialogAnswers.push(
      { canceled: false, filePaths: ['/home/amira/a.jsonl', '/home/amira/b.ann'] },
      { canceled: false, filePaths: ['/home/amira/corpus'] },
      { canceled: false, filePaths: ['/home/amira/dataset'] },
      { canceled: true, filePaths: [] },
    );
    for (const label of ['Import Files…', 'Import Folder…', 'Export…', 'Import Files…']) {
      click(find(electron.menus[0] ?? [], label));
      await settle();
    }
    expect(electron.dialogTitles).toEqual(['Import files', 'Import a folder', 'Export into a folder', 'Import files']);
    // A cancelled pick sends nothing.
    expect(electron.sent).toEqual([
      [IPC_EVENT_CHANNEL, { type: 'menu-command', command: 'import', paths: ['/home/amira/a.jsonl', '/home/amira/b.ann'] }],
      [IPC_EVENT_CHANNEL, { type: 'menu-command', command: 'import', paths: ['/home/amira/corpus'] }],
      [IPC_EVENT_CHANNEL, { type: 'menu-command', command: 'export', paths: ['/home/amira/dataset'] }],
    ]);
    expect(electron.errors).toEqual([]);
  });

  it('creates a project in the chosen folder, named after it, and lists it as recent', async () => {
    const service = fakeService(['/old']);
    await installMenu(service);
    electron.dialogAnswers.push({ canceled: false, filePaths: ['/home/amira/Airstrikes 2026'] });
    click(find(electron.menus[0] ?? [], 'New Project…'));
    await settle();
    expect(service.calls).toEqual([['create', '/home/amira/Airstrikes 2026', 'Airstrikes 2026']]);
    expect(recentLabels()).toEqual(['/home/amira/Airstrikes 2026', '/old']);
  });

  it('opens the chosen folder', async () => {
    const service = fakeService([]);
    await installMenu(service);
    electron.dialogAnswers.push({ canceled: false, filePaths: ['/data/corpus'] });
    click(find(electron.menus[0] ?? [], 'Open Project…'));
    await settle();
    expect(service.calls).toEqual([['open', '/data/corpus']]);
    expect(recentLabels()).toEqual(['/data/corpus']);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const service = fakeService([]);
    await installMenu(service);
    click(find(electron.menus[0] ?? [], 'Open Project…'));
    click(find(electron.menus[0] ?? [], 'New Project…'));
    await settle();
    expect(service.calls).toEqual([]);
    expect(electron.menus).toHaveLength(1);
  });

  it('shows why a project could not be opened', async () => {
    const service = fakeService(['/data/broken']);
    await installMenu(service);
    click((find(electron.menus[0] ?? [], 'Open Recent').submenu as MenuItemConstructorOptions[])[0]!);
    await settle();
    expect(electron.errors).toEqual([
      ['Could not open the project', '/data/broken/spanwise-project.json: not a Spanwise project'],
    ]);
    expect(electron.menus).toHaveLength(1);
  });

  it('hands a project whose manifest cannot be read to the window, which offers its backups; without a window, says why', async () => {
    const service = fakeService(['/data/truncated']);
    await installMenu(service);
    const recent = () => (find(electron.menus[0] ?? [], 'Open Recent').submenu as MenuItemConstructorOptions[])[0]!;
    electron.sent = [];
    click(recent());
    await settle();
    const message = 'spanwise-project.json could not be read: the file is empty';
    expect(electron.sent).toEqual([[IPC_EVENT_CHANNEL, { type: 'project-unreadable', dir: '/data/truncated', message }]]);
    expect(electron.errors).toEqual([]);

    electron.sent = null;
    click(recent());
    await settle();
    expect(electron.errors).toEqual([['Could not open the project', message]]);
  });
});

describe('menuTemplate with import and export', () => {
  it('offers importing files, a folder, and exporting, leaving their keys to the window', () => {
    const calls: string[] = [];
    const template = menuTemplate(recordingActions().actions, [], 'linux', {
      importFiles: () => calls.push('files'),
      importFolder: () => calls.push('folder'),
      exportData: () => calls.push('export'),
    });
    for (const label of ['Import Files…', 'Import Folder…', 'Export…']) click(find(template, label));
    expect(calls).toEqual(['files', 'folder', 'export']);
    expect(find(template, 'Import Files…')).toMatchObject({ accelerator: 'CmdOrCtrl+I', registerAccelerator: false });
    expect(() => find(menuTemplate(recordingActions().actions, [], 'linux'), 'Export…')).toThrow();
  });
});
