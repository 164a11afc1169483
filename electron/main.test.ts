import { describe, it, expect, vi, beforeEach } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  appListeners: new Map<string, Listener[]>(),
  paths: new Map<string, string>(),
  calls: [] as string[],
  errors: [] as string[][],
  windows: [] as Array<{ options: unknown; loaded: string[] }>,
  ready: Promise.resolve(),
}));

const service = vi.hoisted(() => ({
  options: [] as unknown[],
  fail: null as Error | null,
  /** Ends the pending close: with an error, as a failed save does, or without. */
  closing: null as null | ((error?: Error) => void),
}));

vi.mock('electron', () => {
  const noop = () => {};
  return {
    app: {
      on: (event: string, listener: Listener) => {
        electron.appListeners.set(event, [...(electron.appListeners.get(event) ?? []), listener]);
      },
      setPath: (name: string, path: string) => electron.paths.set(name, path),
      whenReady: () => electron.ready,
      quit: () => electron.calls.push('quit'),
      exit: (code: number) => electron.calls.push(`exit ${code}`),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: noop },
        setPermissionRequestHandler: noop,
        setPermissionCheckHandler: noop,
      },
    },
    BrowserWindow: class {
      static getFocusedWindow = () => null;
      loaded: string[] = [];
      constructor(readonly options: unknown) {
        electron.windows.push(this);
      }
      once() {}
      async loadFile(file: string) {
        this.loaded.push(file);
      }
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: noop },
    dialog: { showErrorBox: (title: string, message: string) => electron.errors.push([title, message]) },
    ipcMain: { handle: () => electron.calls.push('ipc'), removeHandler: noop },
    webContents: { getAllWebContents: () => [] },
  };
});

vi.mock('./service', () => ({
  createService: async (options: unknown) => {
    service.options.push(options);
    if (service.fail) throw service.fail;
    return {
      dispatch: async () => ({ ok: true, result: null }),
      onEvent: () => () => {},
      getSession: async () => ({ recentProjects: [] }),
      close: () =>
        new Promise<void>((resolve, reject) => {
          electron.calls.push('close');
          service.closing = (error) => (error ? reject(error) : resolve());
        }),
    };
  },
}));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fire(event: string, ...args: unknown[]) {
  for (const listener of electron.appListeners.get(event) ?? []) listener(...args);
}

function quitEvent() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

async function startMain() {
  vi.resetModules();
  await import('./main');
  await settle();
}

beforeEach(() => {
  electron.appListeners.clear();
  electron.paths.clear();
  electron.calls.length = 0;
  electron.errors.length = 0;
  electron.windows.length = 0;
  service.options.length = 0;
  service.fail = null;
  service.closing = null;
  process.argv = ['/opt/electron', '/opt/spanwise', '--data-dir', '/tmp/spanwise-main-test', '--project', '/tmp/p'];
});

describe('main', () => {
  it('keeps Chromium’s profile inside the data folder and hardens every web contents', async () => {
    await startMain();
    expect(electron.paths.get('userData')).toBe('/tmp/spanwise-main-test/chromium-profile');
    expect(electron.appListeners.get('web-contents-created')).toHaveLength(1);
  });

  it('starts the service on the command line’s folders, then IPC, then the window', async () => {
    await startMain();
    expect(service.options).toEqual([{ dataDir: '/tmp/spanwise-main-test', projectDir: '/tmp/p', mode: 'desktop' }]);
    expect(electron.calls).toEqual(['ipc']);
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.loaded[0]).toMatch(/renderer[/\\]index\.html$/);
  });

  it('holds the quit until the service has closed', async () => {
    await startMain();
    const first = quitEvent();
    fire('before-quit', first);
    expect(first.prevented).toBe(true);
    fire('before-quit', quitEvent());
    expect(electron.calls).toEqual(['ipc', 'close']);

    service.closing?.();
    await settle();
    expect(electron.calls).toEqual(['ipc', 'close', 'quit']);
    const last = quitEvent();
    fire('before-quit', last);
    expect(last.prevented).toBe(false);
  });

  it('shows why the service could not close, then quits', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await startMain();
    fire('before-quit', quitEvent());
    const failure = new Error('1 edited document(s) could not be saved before closing the project: ENOSPC');
    service.closing?.(failure);
    await settle();
    expect(electron.errors).toEqual([['Spanwise could not save everything', failure.message]]);
    expect(logged).toHaveBeenCalledWith('Spanwise could not close the project cleanly:', failure);
    expect(electron.calls).toEqual(['ipc', 'close', 'quit']);
    logged.mockRestore();
  });

  it('says why it could not start, and exits', async () => {
    service.fail = new Error('/tmp/p is not a Spanwise project: it has no spanwise-project.json.');
    await startMain();
    expect(electron.errors).toEqual([
      ['Spanwise could not start', '/tmp/p is not a Spanwise project: it has no spanwise-project.json.'],
    ]);
    expect(electron.calls).toEqual(['exit 1']);
    expect(electron.windows).toEqual([]);
  });
});
