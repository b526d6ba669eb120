/** checks this far apart with nothing settled and records waiting make a stall */
export const STALL_CHECK_MS = 20000;
const CHECKS_TO_STALL = 2;

/**
 * Tells a stalled consumer from a busy or idle one: records settle, handlers run, or the group
 * is caught up. Seen under chaos: after a broker and a store restart, a kafkajs consumer whose
 * handlers had all settled fetched nothing more for minutes while its group had records waiting.
 */
export class StallDetector {
  private handled = 0;
  private running = 0;
  private handledAtLastCheck = 0;
  private quietChecks = 0;

  started(): void {
    this.running++;
  }

  settled(): void {
    this.running--;
    this.handled++;
  }

  /** True when nothing ran or settled since the last check: worth asking the group's lag. */
  quiet(): boolean {
    const quiet = this.running === 0 && this.handled === this.handledAtLastCheck;
    this.handledAtLastCheck = this.handled;
    if (!quiet) this.quietChecks = 0;
    return quiet;
  }

  /** Called after a quiet check with the group's lag; true when the consumer should be restarted. */
  stalled(lag: number): boolean {
    this.quietChecks = lag > 0 ? this.quietChecks + 1 : 0;
    if (this.quietChecks < CHECKS_TO_STALL) return false;
    this.quietChecks = 0;
    return true;
  }
}
