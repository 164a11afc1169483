import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUILD_OUTPUTS, staleReason } from './build.mjs';

let root: string;

/** Write a file dated `secondsAgo` seconds in the past. */
function file(path: string, secondsAgo: number) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, 'x');
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(full, when, when);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spanwise-build-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('staleReason', () => {
  it('asks for a build when there is none', () => {
    file('electron/main.ts', 100);
    expect(staleReason(root)).toBe('dist/main/main.js is missing');
  });

  it('asks for a build when one output is missing', () => {
    BUILD_OUTPUTS.filter((output) => !output.endsWith('cli.js')).forEach((output) => file(output, 10));
    expect(staleReason(root)).toBe('dist/main/cli.js is missing');
  });

  it('is satisfied when every output is newer than every source', () => {
    file('electron/main.ts', 100);
    file('renderer/editor/deep/view.tsx', 100);
    file('electron.vite.config.ts', 100);
    BUILD_OUTPUTS.forEach((output) => file(output, 10));
    expect(staleReason(root)).toBeNull();
  });

  it.each(['shared/spans.ts', 'renderer/app/deep/App.tsx', 'renderer/index.html', 'electron.vite.config.ts', 'package-lock.json'])(
    'asks for a build after %s changed',
    (source) => {
      BUILD_OUTPUTS.forEach((output) => file(output, 10));
      file(source, 1);
      expect(staleReason(root)).toBe(`${source} changed since the last build`);
    },
  );

  it('dates the build by its oldest output', () => {
    BUILD_OUTPUTS.forEach((output) => file(output, 10));
    file('dist/main/main.js', 100);
    file('electron/main.ts', 50);
    expect(staleReason(root)).toBe('electron/main.ts changed since the last build');
  });

  it('ignores tests, which the build does not include', () => {
    BUILD_OUTPUTS.forEach((output) => file(output, 10));
    file('shared/spans.test.ts', 1);
    file('renderer/app/App.test.tsx', 1);
    expect(staleReason(root)).toBeNull();
  });

  it('takes an installed build without sources as current', () => {
    BUILD_OUTPUTS.forEach((output) => file(output, 10));
    expect(staleReason(root)).toBeNull();
  });
});
