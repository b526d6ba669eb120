import { backoffDelay, scheduleRetry } from './backoff';

const policy = { baseMs: 1000, maxMs: 300000 };

describe('backoffDelay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16000],
    [9, 256000],
    [10, 300000],
    [60, 300000],
  ])('after %d failure(s) waits between half and all of %d ms', (failures, ceiling) => {
    expect(backoffDelay(failures, policy, () => 0)).toBe(ceiling / 2);
    expect(backoffDelay(failures, policy, () => 0.999999)).toBeCloseTo(ceiling, -1);
    expect(backoffDelay(failures, policy, () => 0.5)).toBe((ceiling * 3) / 4);
  });

  it('never exceeds the maximum nor drops below half the base, whatever the random draw', () => {
    for (let failures = 1; failures < 40; failures++) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(failures, policy);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(300000);
      }
    }
  });

  it('spreads retries: jitter gives different delays for the same attempt', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('treats 0 or negative failures as the first', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(-3, policy, () => 0)).toBe(500);
  });

  it('works with sub-second test settings', () => {
    const fast = { baseMs: 200, maxMs: 1000 };
    expect(backoffDelay(1, fast, () => 1)).toBe(200);
    expect(backoffDelay(4, fast, () => 1)).toBe(1000);
  });
});

describe('scheduleRetry', () => {
  const now = Date.UTC(2025, 0, 1);

  it('schedules the next attempt after the backoff', () => {
    expect(scheduleRetry(1, policy, new Date(now + 10000), now, () => 0)).toEqual({ retryAt: new Date(now + 500) });
  });

  it('gives up when the next attempt would come after the deadline', () => {
    expect(scheduleRetry(1, policy, new Date(now + 499), now, () => 0)).toEqual({ giveUp: true });
    expect(scheduleRetry(1, policy, new Date(now - 1), now, () => 0)).toEqual({ giveUp: true });
  });
});
