/** A map that forgets its least recently used entries beyond a capacity. */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  /**
   * @param capacity how many entries to keep
   * @param canEvict entries it refuses (say, with a write still running) are kept past capacity
   */
  constructor(
    readonly capacity: number,
    private readonly canEvict: (value: V) => boolean = () => true,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.capacity) return;
    for (const [oldKey, oldValue] of this.#entries) {
      if (this.#entries.size <= this.capacity || oldKey === key) break;
      if (this.canEvict(oldValue)) this.#entries.delete(oldKey);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
