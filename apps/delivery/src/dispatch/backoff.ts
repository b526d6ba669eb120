export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before the next attempt after `failures` failed ones: base·2^(failures-1), capped at
 * max, with "equal jitter" — half of it fixed so a retry never comes at once, half random so
 * the many jobs a failing endpoint leaves behind do not all come back in the same instant.
 */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type RetryDecision = { retryAt: Date } | { giveUp: true };

/** The next attempt's time, or give up when it would fall after `deadline` (retention, 7-day webhook window). */
export function scheduleRetry(failures: number, policy: RetryPolicy, deadline: Date, now = Date.now(), random: () => number = Math.random): RetryDecision {
  const retryAt = now + backoffDelay(failures, policy, random);
  return retryAt > deadline.getTime() ? { giveUp: true } : { retryAt: new Date(retryAt) };
}
