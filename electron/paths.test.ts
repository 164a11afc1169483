import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchOptions, platformDataDir, sampleProjectDir } from './paths';

describe('platformDataDir', () => {
  it.each([
    ['linux', {}, '/home/amira/.config/Spanwise'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/Spanwise'],
    ['darwin', {}, '/home/amira/Library/Application Support/Spanwise'],
    ['win32', { APPDATA: 'C:\\Users\\amira\\AppData\\Roaming' }, 'C:\\Users\\amira\\AppData\\Roaming\\Spanwise'],
  ] as const)('on %s with %j is %s', (platform, env, expected) => {
    expect(platformDataDir(platform, env, '/home/amira')).toBe(expected);
  });
});

describe('launchOptions', () => {
  const cwd = '/work';

  it('prefers the command line to the environment', () => {
    const env = { SPANWISE_DATA_DIR: '/env/data', SPANWISE_PROJECT: '/env/project' };
    expect(launchOptions(['--project', 'p', '--data-dir=d', '--port', '8123'], env, cwd)).toEqual({
      dataDir: '/work/d',
      projectDir: '/work/p',
      port: 8123,
    });
    expect(launchOptions([], env, cwd)).toEqual({ dataDir: '/env/data', projectDir: '/env/project' });
  });

  it('falls back to the platform folder and leaves the project to the service', () => {
    const options = launchOptions(['--no-sandbox', 'some-positional'], {}, cwd);
    expect(options).toEqual({ dataDir: platformDataDir(process.platform, {}) });
    expect(sampleProjectDir(options.dataDir)).toBe(path.join(options.dataDir, 'projects', 'sample'));
  });

  it.each(['http', '-1', '70000', '12.5'])('refuses --port %s', (port) => {
    expect(() => launchOptions(['--port', port], {}, cwd)).toThrow(/--port/);
  });
});
