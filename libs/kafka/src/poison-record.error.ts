/**
 * A record that can never be processed (malformed, unsigned, invalid). The runtime hands it
 * to the subscription's dead-letter handler and moves on, so it never blocks its partition.
 * Any other error is treated as transient: the record is retried until the effect succeeds.
 */
export class PoisonRecordError extends Error {
  constructor(
    readonly reason: string,
    readonly context: Record<string, string> = {},
  ) {
    super(reason);
  }
}
