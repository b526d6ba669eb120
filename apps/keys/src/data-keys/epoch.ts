/** The epoch containing `now`: epochs are fixed windows of SEALPOST_KEY_EPOCH since the Unix epoch. */
export function epochOf(now: number, epochMs: number): { start: Date; end: Date } {
  const start = Math.floor(now / epochMs) * epochMs;
  return { start: new Date(start), end: new Date(start + epochMs) };
}

/** Business secrets use one key for all time. */
export const TIMELESS_EPOCH = new Date(0);
