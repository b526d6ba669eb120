import { pausedAwareDeadline } from './paused-aware-deadline';

describe('pausedAwareDeadline', () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
  });
  afterEach(() => jest.useRealTimers());

  /** runs the timers due within `ms`, with the process's own clock having moved `ms + pausedMs` */
  const elapse = (ms: number, pausedMs = 0) => {
    clock += ms + pausedMs;
    jest.advanceTimersByTime(ms);
  };

  it('aborts with a TimeoutError once the time has passed while the process ran', () => {
    const deadline = pausedAwareDeadline(2000, now);
    elapse(1999);
    expect(deadline.signal.aborted).toBe(false);
    elapse(1);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('after a pause longer than the timeout, waits a moment for answers that arrived meanwhile', () => {
    const deadline = pausedAwareDeadline(2000, now);
    elapse(2000, 14000); // SIGSTOP for 14 s: the timer fires 14 s late
    expect(deadline.signal.aborted).toBe(false);
    elapse(100);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('gives one grace only: late again, it aborts', () => {
    const deadline = pausedAwareDeadline(2000, now);
    elapse(2000, 14000);
    elapse(100, 3000);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('counts a timer a little late (under the pause bound) as on time', () => {
    const deadline = pausedAwareDeadline(2000, now);
    elapse(2000, 400);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('never aborts once cleared', () => {
    const deadline = pausedAwareDeadline(2000, now);
    deadline.clear();
    elapse(5000);
    expect(deadline.signal.aborted).toBe(false);
  });
});
