import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachePolicy, contentType, findStaticFile, isInside } from './static-files';
import { tempFolder } from './test-support';

describe('isInside', () => {
  it.each([
    ['/srv/app', '/srv/app', true],
    ['/srv/app', '/srv/app/index.html', true],
    ['/srv/app', '/srv/app/..foo', true],
    ['/srv/app', '/srv/app-evil/index.html', false],
    ['/srv/app', '/srv', false],
    ['/srv/app', '/etc/passwd', false],
  ])('%s holds %s: %s', (root, target, inside) => {
    expect(isInside(root, target)).toBe(inside);
  });
});

describe('findStaticFile', () => {
  it('finds files, maps / to index.html, and refuses folders and escapes', async () => {
    const parent = await tempFolder();
    const root = path.join(parent, 'app');
    await writeFile(path.join(parent, 'secret.txt'), 'secret');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html>');
    await writeFile(path.join(root, 'assets', 'a.css'), 'body{}');
    expect(await findStaticFile(root, '/')).toMatchObject({ isIndex: true, type: 'text/html; charset=utf-8' });
    expect(await findStaticFile(root, '/assets/a.css')).toMatchObject({ isIndex: false, size: 6, type: 'text/css; charset=utf-8' });
    expect(await findStaticFile(root, '/assets')).toBeNull();
    expect(await findStaticFile(root, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(await findStaticFile(root, '/assets/%2e%2e/%2e%2e/app/index.html')).toMatchObject({ isIndex: true });
    expect(await findStaticFile(root, '/missing.js')).toBeNull();
  });

  it('lets browsers keep hashed build outputs for good, and nothing else', async () => {
    const root = path.join(await tempFolder(), 'app');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html>');
    await writeFile(path.join(root, 'assets', 'index-BqDUML7c.js'), '');
    await writeFile(path.join(root, 'assets', 'plain.js'), '');
    await writeFile(path.join(root, 'logo-big.svg'), '');
    const policy = async (url: string) => cachePolicy((await findStaticFile(root, url))!);
    expect(await policy('/')).toBe('no-store');
    expect(await policy('/assets/index-BqDUML7c.js')).toBe('public, max-age=31536000, immutable');
    expect(await policy('/assets/plain.js')).toBe('no-cache');
    expect(await policy('/logo-big.svg')).toBe('no-cache');
  });

  it('types unknown files as plain bytes', () => {
    expect(contentType('x.exe')).toBe('application/octet-stream');
    expect(contentType('X.SVG')).toBe('image/svg+xml');
  });
});
