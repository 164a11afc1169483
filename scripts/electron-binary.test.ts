import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findElectron } from './electron-binary.mjs';

let root: string;

function file(path: string, content = '') {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spanwise-electron-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findElectron', () => {
  it('finds none when the package never downloaded its binary', () => {
    expect(findElectron(root, {})).toEqual({ reason: expect.stringContaining('path.txt is missing') });
  });

  it('uses the binary path.txt names inside the package', () => {
    file(join(root, 'node_modules/electron/path.txt'), 'electron\n');
    const binary = file(join(root, 'node_modules/electron/dist/electron'));
    expect(findElectron(root, {})).toEqual({ path: binary });
  });

  it('finds none when path.txt names a binary that is gone', () => {
    file(join(root, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectron(root, {})).toEqual({ reason: expect.stringContaining('does not exist') });
  });

  it('prefers ELECTRON_EXECUTABLE, and says when it is wrong', () => {
    file(join(root, 'node_modules/electron/path.txt'), 'electron');
    file(join(root, 'node_modules/electron/dist/electron'));
    const own = file(join(root, 'elsewhere/electron-45'));
    expect(findElectron(root, { ELECTRON_EXECUTABLE: own })).toEqual({ path: own });
    expect(findElectron(root, { ELECTRON_EXECUTABLE: join(root, 'nope') })).toEqual({
      reason: expect.stringMatching(/^ELECTRON_EXECUTABLE names .*nope, which does not exist$/),
    });
  });

  it('reads ELECTRON_OVERRIDE_DIST_PATH as a folder, like the electron package does', () => {
    const dist = join(root, 'fetched');
    const binary = file(join(dist, 'electron'));
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ path: binary });
    file(join(root, 'node_modules/electron/path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ reason: expect.stringContaining('Electron.app') });
  });
});
