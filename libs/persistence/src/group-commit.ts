/**
 * Writes what many callers hand in with as few store commands as the store's latency allows:
 * the first item starts a write at once, and whatever arrives while a write is under way goes
 * in the next one, together (at most `maxItems` a write). Each caller's promise settles with
 * the write that carried its item, with that item's result (the write's i-th for the i-th item).
 */
export class GroupCommit<T, R = void> {
  private queued: { item: T; done: (result: R) => void; failed: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<readonly R[] | void>,
    private readonly maxItems = Number.POSITIVE_INFINITY,
  ) {}

  commit(item: T): Promise<R> {
    const settled = new Promise<R>((done, failed) => this.queued.push({ item, done, failed }));
    if (!this.writing) void this.drain();
    return settled;
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queued.length > 0) {
      const taken = this.queued.splice(0, this.maxItems);
      try {
        const results = await this.write(taken.map((t) => t.item));
        taken.forEach((t, i) => t.done(results?.[i] as R));
      } catch (err) {
        taken.forEach((t) => t.failed(err));
      }
    }
    this.writing = false;
  }
}
