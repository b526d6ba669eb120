import { isTransientFailure } from './failure-kind';
import type { IncomingRecord, RecordRejection } from './kafka-subscription';
import { PoisonRecordError } from './poison-record.error';

const RETRY_CAP_MS = 3000;
/** attempts at records that fail for a reason of their own, before they are taken apart */
const OWN_FAILURE_ATTEMPTS = 3;

export interface SettleHooks {
  handle(records: readonly IncomingRecord[]): Promise<readonly RecordRejection[]>;
  deadLetter(record: IncomingRecord, error: PoisonRecordError): Promise<void>;
  /** keeps the partition while waiting; throws once it moved to another member */
  heartbeat(): Promise<void>;
  stopping(): boolean;
  retrying(records: readonly IncomingRecord[], attempt: number, error: unknown): void;
  sleep?(ms: number): Promise<void>;
}

/**
 * Settles a slice of records: handled, the ones the handler refuses dead-lettered. A transient
 * failure (store, broker or keys service down) retries in place with capped backoff until it
 * succeeds, heartbeating so the group keeps the partition: nothing is skipped, the offset moves
 * only after the effect. A failure of the records' own (a destroyed key, a bug one record's shape
 * trips) is tried a few times, then the slice is taken apart: each record alone, so the one at
 * fault is found, set aside (dead-lettered) and passed, and the others go on. No record blocks
 * its partition.
 */
export async function settleRecords(records: readonly IncomingRecord[], hooks: SettleHooks): Promise<void> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const rejected = await hooks.handle(records);
      for (const { record, error } of rejected) await hooks.deadLetter(record, error);
      return;
    } catch (err) {
      if (hooks.stopping()) throw err;
      if (!isTransientFailure(err) && attempt >= OWN_FAILURE_ATTEMPTS) {
        if (records.length === 1) return hooks.deadLetter(records[0]!, new PoisonRecordError(`failed ${attempt} times for a reason of its own (${(err as Error | undefined)?.name ?? 'unknown'}); set aside`));
        for (const record of records) await settleRecords([record], hooks);
        return;
      }
      hooks.retrying(records, attempt, err);
      await sleep(Math.min(RETRY_CAP_MS, 200 * 2 ** attempt));
      await hooks.heartbeat();
    }
  }
}
