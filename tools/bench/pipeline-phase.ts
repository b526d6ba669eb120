import { DeliveryTracker, FirstArrival } from './delivery-tracker';
import { sleep, Submitter } from './submitter';

export interface PhaseSpec {
  /** what progress lines call it: prefill, run */
  name: string;
  total: number;
  /**
   * The measured run gives up this long after its start. The prefill may take as long as it
   * needs, so it gives up only after this long without a single new delivery.
   */
  deadline: { afterStartMs: number } | { withoutDeliveryMs: number };
  progressEveryMs?: number;
}

export interface PhaseOutcome<Item> {
  /** every message of the phase reached its device before the deadline */
  completed: boolean;
  arrivals: FirstArrival<Item>[];
  duplicates: number;
}

const POLL_MS = 100;

/** Submits a phase's messages and waits for their deliveries, with a progress line every 2 s. */
export async function runPhase<Item extends { message_id: string }>(
  tracker: DeliveryTracker<Item>,
  submitter: Submitter,
  spec: PhaseSpec,
  log: (line: string) => void,
): Promise<PhaseOutcome<Item>> {
  tracker.startPhase();
  const startedAt = Date.now();
  // set from the submitter's promise; a holder, since a plain variable set in a callback looks unset to the loop
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  const submitting = submitter.run().catch((error: unknown) => Object.assign(failure, { error, failed: true }));
  let lastDelivery = { at: startedAt, count: 0 };
  let lastProgress = { at: startedAt, count: 0 };
  const progress = setInterval(() => {
    const now = Date.now();
    const perS = ((tracker.delivered - lastProgress.count) * 1000) / (now - lastProgress.at);
    lastProgress = { at: now, count: tracker.delivered };
    log(`${spec.name}: submitted ${submitter.submitted}/${spec.total}, delivered ${tracker.delivered}/${spec.total}, ${perS.toFixed(1)} delivered/s`);
  }, spec.progressEveryMs ?? 2000);
  let completed = false;
  try {
    for (;;) {
      tracker.poll();
      if (failure.failed) throw failure.error;
      const now = Date.now();
      if (tracker.delivered > lastDelivery.count) lastDelivery = { at: now, count: tracker.delivered };
      if (tracker.delivered >= spec.total) {
        completed = true;
        break;
      }
      const deadline = 'afterStartMs' in spec.deadline ? startedAt + spec.deadline.afterStartMs : lastDelivery.at + spec.deadline.withoutDeliveryMs;
      if (now > deadline) break;
      await sleep(POLL_MS);
    }
  } finally {
    clearInterval(progress);
    submitter.stop();
    await submitting;
  }
  if (failure.failed) throw failure.error;
  if (!completed) log(`${spec.name}: gave up with ${tracker.delivered} of ${spec.total} delivered (${'afterStartMs' in spec.deadline ? 'deadline' : 'no delivery for too long'})`);
  return { completed, arrivals: tracker.arrivals(), duplicates: tracker.duplicates };
}
