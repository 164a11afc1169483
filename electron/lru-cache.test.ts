import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('forgets the least recently used entries beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps entries it may not evict past its capacity', () => {
    const cache = new LruCache<string, { busy: boolean }>(1, (value) => !value.busy);
    cache.set('a', { busy: true });
    cache.set('b', { busy: false });
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toEqual({ busy: true });
  });
});
