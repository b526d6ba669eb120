/**
 * Runs `tick` again `intervalMs` after the previous run finished: runs never overlap and a
 * slow tick never piles up timers the way setInterval would. A failing tick is reported and
 * the loop goes on (the store or the broker may be back next time).
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private stopped = true;
  private again = false;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a tick now (or right after the running one) instead of waiting for the interval. */
  wake(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Resolves once no tick runs any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.current = this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    try {
      await this.tick();
    } catch (err) {
      this.onError(err);
    } finally {
      this.current = undefined;
      const delay = this.again ? 0 : this.intervalMs;
      this.again = false;
      if (!this.stopped) this.schedule(delay);
    }
  }
}
