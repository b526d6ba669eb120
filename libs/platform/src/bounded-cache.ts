/** Values in memory for a bounded time and count (oldest out first); `deleteWhere` drops some at once (destroyed keys). */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(id: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  set(id: string, value: V, now = Date.now()): void {
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: the first entry is the oldest
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(id, { value, expiresAt: now + this.ttlMs });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Drops every entry the predicate selects (e.g. all keys of a destroyed epoch). */
  deleteWhere(predicate: (id: string, value: V) => boolean): number {
    let dropped = 0;
    for (const [id, entry] of this.entries) {
      if (predicate(id, entry.value)) {
        this.entries.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.entries.size;
  }
}
