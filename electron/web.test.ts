import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockPath } from './project-lock';
import { tempFolder } from './test-support';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('browser mode entry', () => {
  it('prints one line with the URL, serves calls, and releases the project on SIGTERM', async () => {
    const root = await tempFolder();
    const projectDir = path.join(root, 'project');
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'electron', 'web.ts'), '--data-dir', path.join(root, 'data'), '--project', projectDir, '--port', '0'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    while (!stdout.includes('\n')) {
      if (proc.exitCode !== null) throw new Error(`web.ts exited early: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const match = /^Spanwise browser mode: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))\n$/.exec(stdout);
    expect(match).not.toBeNull();
    const [, , port, token] = match!;

    const reply = await fetch(`http://127.0.0.1:${port}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'getSession', args: [] }),
    });
    expect(await reply.json()).toMatchObject({ ok: true, result: { mode: 'browser', project: { dir: projectDir } } });
    expect(existsSync(lockPath(projectDir))).toBe(true);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(lockPath(projectDir))).toBe(false);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
