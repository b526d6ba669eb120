/** slack for a slow store or a busy process between an event's append and the checkpoint that covers it */
const SIGNING_SLACK_MS = 30_000;

/**
 * How old an event may be before a signed checkpoint must cover it: the timer signs every
 * interval, so twice the interval, and never less than the interval plus half a minute.
 */
export function checkpointDeadlineMs(intervalMs: number): number {
  return Math.max(2 * intervalMs, intervalMs + SIGNING_SLACK_MS);
}
