/**
 * An open-loop offered load: record i is due at start + i / rate, whatever the system did with
 * the records before it. Latency is then measured from the due time, so a submitter that falls
 * behind (or a service that pushes back) shows up as latency instead of hiding as a slower send.
 */
export class OpenLoopSchedule {
  constructor(
    readonly startMs: number,
    readonly ratePerS: number,
    readonly total: number,
  ) {}

  dueAt(index: number): number {
    return this.startMs + (index * 1000) / this.ratePerS;
  }

  /** How many records (from index 0) are due by `now`; record 0 is due at the start. */
  dueBy(now: number): number {
    if (now < this.startMs) return 0;
    // the epsilon keeps float rounding from making a record due a tick late
    return Math.min(this.total, Math.floor(((now - this.startMs) * this.ratePerS) / 1000 + 1e-9) + 1);
  }
}
