import { describe, expect, it } from 'vitest';
import { SerialWriter } from './serial-writer';

function deferredWrites() {
  const started: string[] = [];
  const finishers: Array<(error?: Error) => void> = [];
  const writer = new SerialWriter(
    (data) =>
      new Promise<void>((resolve, reject) => {
        started.push(data);
        finishers.push((error) => (error ? reject(error) : resolve()));
      }),
  );
  return { writer, started, finish: (index: number, error?: Error) => finishers[index]!(error) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SerialWriter', () => {
  it('runs one write at a time and merges the versions that queue up into the newest', async () => {
    const { writer, started, finish } = deferredWrites();
    const settled: string[] = [];
    const a = writer.write('a').then(() => settled.push('a'));
    const b = writer.write('b').then(() => settled.push('b'));
    const c = writer.write('c').then(() => settled.push('c'));
    await tick();
    expect(started).toEqual(['a']);
    finish(0);
    await tick();
    expect(settled).toEqual(['a']);
    expect(started).toEqual(['a', 'c']);
    expect(writer.busy).toBe(true);
    finish(1);
    await Promise.all([a, b, c]);
    expect(settled).toEqual(['a', 'b', 'c']);
    expect(writer.busy).toBe(false);
  });

  it('rejects exactly the writes whose version failed, and goes on with later ones', async () => {
    const { writer, finish } = deferredWrites();
    const a = writer.write('a');
    const b = writer.write('b');
    await tick();
    finish(0, new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await tick();
    finish(1);
    await expect(b).resolves.toBeUndefined();
  });

  it('idle waits for every write asked for so far', async () => {
    const { writer, finish } = deferredWrites();
    void writer.write('a');
    void writer.write('b');
    let idle = false;
    const waiting = writer.idle().then(() => (idle = true));
    await tick();
    finish(0);
    await tick();
    expect(idle).toBe(false);
    finish(1);
    await waiting;
    expect(idle).toBe(true);
  });
});
