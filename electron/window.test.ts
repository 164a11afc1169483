import { describe, it, expect, vi } from 'vitest';
import { createMainWindow } from './window';

const electron = vi.hoisted(() => ({ windows: [] as Array<{ options: unknown; loaded: string[] }> }));

vi.mock('electron', () => ({
  BrowserWindow: class {
    loaded: string[] = [];
    constructor(readonly options: unknown) {
      electron.windows.push(this);
    }
    once() {}
    async loadFile(file: string) {
      this.loaded.push(file);
    }
  },
}));

describe('createMainWindow', () => {
  it('opens a hidden, sandboxed window on the renderer file', () => {
    createMainWindow({ preload: '/app/dist/preload/preload.cjs', renderer: '/app/dist/renderer/index.html' });
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]).toMatchObject({
      options: {
        show: false,
        webPreferences: {
          preload: '/app/dist/preload/preload.cjs',
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
        },
      },
      loaded: ['/app/dist/renderer/index.html'],
    });
  });
});
