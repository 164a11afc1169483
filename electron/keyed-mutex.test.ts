import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedMutex', () => {
  it('runs tasks of one key one after another, and of different keys side by side', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await pause();
      log.push(`${name} end`);
    };
    await Promise.all([mutex.run('x', task('x1')), mutex.run('x', task('x2')), mutex.run('y', task('y1'))]);
    expect(log.indexOf('x1 end')).toBeLessThan(log.indexOf('x2 start'));
    expect(log.indexOf('y1 start')).toBeLessThan(log.indexOf('x1 end'));
  });

  it('goes on after a task fails', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('x', async () => 'next')).resolves.toBe('next');
  });
});
