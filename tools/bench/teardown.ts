/**
 * Stops what the bench started, the last started first, exactly once: at the end, on a failure,
 * or on Ctrl-C (five services and the infrastructure must never be left running).
 */
export class Teardown {
  private readonly steps: { what: string; stop: () => Promise<unknown> }[] = [];
  private running?: Promise<void>;

  constructor(private readonly log: (line: string) => void) {}

  add(what: string, stop: () => Promise<unknown>): void {
    this.steps.push({ what, stop });
  }

  run(): Promise<void> {
    // drains the live stack: after Ctrl-C the interrupted phase may still start something, which is stopped too
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.stop();
        } catch (err) {
          this.log(`could not stop ${step.what}: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}
