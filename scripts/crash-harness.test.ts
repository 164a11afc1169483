import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './build.mjs';
import { describeReport, REPO_ROOT, runCrashHarness } from './crash-harness';

// Both tests run the built browser-mode server. They share this file so that they run one after
// the other, and the build (when sources changed) happens once.
beforeAll(() => ensureBuilt(REPO_ROOT), 180_000);

describe('crash harness', () => {
  it('loses no acknowledged edit over 200 SIGKILLs in the middle of heavy tagging', async () => {
    const report = await runCrashHarness({ seed: 20_261_122, stop: { kills: 200 }, loadMs: [20, 150], clients: 3 });
    console.log(`crash test: ${describeReport(report)}, ${(report.elapsedMs / 1000).toFixed(1)} s`);
    expect(report.kills).toBe(200);
    // The kills must land on work: edits acknowledged between kills, and many cut off mid-save.
    expect(report.acknowledged).toBeGreaterThan(400);
    expect(report.inFlight).toBeGreaterThan(100);
    expect(report.unparsable.join('\n')).toBe('');
    expect(report.divergences.join('\n')).toBe('');
    expect(report.lost).toBe(0);
    // Restarts dominate and are CPU-bound: ≈ 70 s on an idle 2-core machine with a lean server
    // start, much longer on a busy one or when the service loads heavy modules at start.
  }, 900_000);

  it('notices a lost edit: a layer file deleted behind its back is reported', async () => {
    let damaged = false;
    const report = await runCrashHarness({
      seed: 5,
      stop: { kills: 3 },
      loadMs: [150, 200],
      clients: 1,
      afterKill: async (dataDir) => {
        if (damaged) return;
        const layers = path.join(dataDir, 'projects', 'sample', 'layers');
        const [layer] = await readdir(layers);
        const docs = (await readdir(path.join(layers, layer!))).filter((name) => /^sample-\d\.json$/.test(name));
        await rm(path.join(layers, layer!, docs[0]!));
        damaged = true;
      },
    });
    expect(damaged).toBe(true);
    expect(report.lost).toBe(1);
    expect(report.divergences[0]).toMatch(/After kill 1, sample-\d holds 0 spans/);
  }, 60_000);
});

describe('npm run soak', () => {
  it('tags at 20 operations a second for 20 s with kills, and exits 0 having lost nothing', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'soak.mjs'), '--seconds', '20', '--seed', '11'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    console.log(output.trim().split('\n').at(-1));
    expect(output).toMatch(/^kills: [1-9]\d*$/m);
    expect(output).toMatch(/^lost acknowledged edits: 0$/m);
    // 20 s at 20 a second, less the time the restarts take.
    const [, operations] = /^operations: (\d+)$/m.exec(output) ?? [];
    expect(Number(operations)).toBeGreaterThan(100);
    expect(code).toBe(0);
  }, 120_000);
});
