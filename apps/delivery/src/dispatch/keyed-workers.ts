/**
 * Runs at most one worker per key (one POST in flight per endpoint or business) and at most
 * `limit` keys at a time, so one slow endpoint cannot hold up the others.
 */
export class KeyedWorkers {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get full(): boolean {
    return this.running.size >= this.limit;
  }

  /** Starts `work` for `key` unless that key is already being worked on or the limit is reached. */
  start(key: string, work: () => Promise<void>): boolean {
    if (this.running.has(key) || this.full) return false;
    const run = Promise.resolve()
      .then(work)
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
    return true;
  }

  /** Resolves when every running worker has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}
