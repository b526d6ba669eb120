import { isTransientFailure } from './failure-kind';
import type { IncomingRecord, RecordRejection } from './kafka-subscription';
import { PoisonRecordError } from './poison-record.error';

const RETRY_CAP_MS = 3000;
/** attempts at records that fail for a reason of their own, before they are taken apart */
const OWN_FAILURE_ATTEMPTS = 3;
/**
 * how long records may fail transiently before they are taken apart, and a record failing alone
 * is set aside if the service's other records passed meanwhile (the failure is then its own)
 */
export const TRANSIENT_BOUND_MS = 120_000;

export interface SettleHooks {
  handle(records: readonly IncomingRecord[]): Promise<readonly RecordRejection[]>;
  deadLetter(record: IncomingRecord, error: PoisonRecordError): Promise<void>;
  /** keeps the partition while waiting; throws once it moved to another member */
  heartbeat(): Promise<void>;
  stopping(): boolean;
  retrying(records: readonly IncomingRecord[], attempt: number, error: unknown): void;
  /** whether the service settled other records since `since` (ms): its store, broker and keys service work */
  othersSettledSince(since: number): boolean;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

/**
 * Settles a slice of records: handled, the ones the handler refuses dead-lettered. A transient
 * failure (store, broker or keys service down) retries in place with capped backoff, heartbeating
 * so the group keeps the partition: nothing is skipped, the offset moves only after the effect.
 * A failure of the records' own (a destroyed key, a bug one record's shape trips) is tried a few
 * times, then the slice is taken apart: each record alone, so the one at fault is found, set aside
 * (dead-lettered) and passed, and the others go on. A transient failure is bounded too: past
 * TRANSIENT_BOUND_MS the slice is taken apart, and a record still failing alone is set aside once
 * the service's other records passed meanwhile (during a real outage nothing passes, and nothing
 * is set aside: it waits). No record blocks its partition for long.
 */
export async function settleRecords(records: readonly IncomingRecord[], hooks: SettleHooks): Promise<void> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = hooks.now ?? Date.now;
  let failingSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const rejected = await hooks.handle(records);
      for (const { record, error } of rejected) await hooks.deadLetter(record, error);
      return;
    } catch (err) {
      if (hooks.stopping()) throw err;
      const transient = isTransientFailure(err);
      failingSince ??= now();
      const ownFailure = !transient && attempt >= OWN_FAILURE_ATTEMPTS;
      const overBound = transient && now() - failingSince >= TRANSIENT_BOUND_MS;
      if ((ownFailure || overBound) && records.length > 1) {
        for (const record of records) await settleRecords([record], hooks);
        return;
      }
      const name = (err as Error | undefined)?.name ?? 'unknown';
      if (ownFailure) return hooks.deadLetter(records[0]!, new PoisonRecordError(`failed ${attempt} times for a reason of its own (${name}); set aside`));
      if (overBound && hooks.othersSettledSince(failingSince)) {
        return hooks.deadLetter(records[0]!, new PoisonRecordError(`failed for ${Math.round((now() - failingSince) / 1000)} s (${name}) while other records passed; set aside`));
      }
      hooks.retrying(records, attempt, err);
      await sleep(Math.min(RETRY_CAP_MS, 200 * 2 ** attempt));
      await hooks.heartbeat();
    }
  }
}
