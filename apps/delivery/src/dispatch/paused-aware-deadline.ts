/** a timer this late means the process itself was not running (SIGSTOP, a suspended VM, a long GC pause) */
const PAUSE_MS = 500;
/** after such a pause: time for answers that arrived meanwhile to be read before the deadline counts */
const GRACE_MS = 100;

/** An abort signal for a request, and the timer to clear once it is answered. */
export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

/**
 * Aborts after `ms` of time this process could see: a timer that fires late because the process
 * was paused first gives the answers that arrived during the pause GRACE_MS to be read, once
 * (a lease sized on the timeout is outlived by no more than that).
 * `AbortSignal.timeout` fires before them (on waking, timers run before I/O), so a device that
 * answered a POST during a pause longer than the timeout was counted as not answering, and got
 * the POST a second time on retry.
 */
export function pausedAwareDeadline(ms: number, now: () => number = () => performance.now()): Deadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // one grace at most: the deadline ends at the next chance after it, never later
  const arm = (delay: number, graceLeft: boolean): void => {
    const due = now() + delay;
    timer = setTimeout(() => {
      if (graceLeft && now() - due > PAUSE_MS) arm(GRACE_MS, false);
      else controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer.unref();
  };
  arm(ms, true);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
