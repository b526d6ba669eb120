/** Hands the records of one phase to Sealpost (or to the ceiling's scratch topic). */
export interface Submitter {
  /** records the broker or the API has taken so far */
  readonly submitted: number;
  /**
   * When record i was submitted: the send's start, or under --rate its due time (so a submitter
   * or a service that falls behind shows as latency). NaN until it was.
   */
  readonly submittedAt: readonly number[];
  /** how late the latest-sent record left against its due time, under --rate */
  readonly maxLagMs: number;
  /** resolves once every record is taken, or soon after stop() */
  run(): Promise<void>;
  stop(): void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
