import type { IncomingRecord, KafkaSubscription, RecordRejection } from './kafka-subscription';
import { PoisonRecordError } from './poison-record.error';

/**
 * A batch handler for consumers whose records are rare and each its own piece of work (key
 * events, retention commands): one record after another, a PoisonRecordError setting that record
 * aside. A transient failure retries the batch, records already handled included (they are idempotent).
 */
export function eachRecord(handle: (record: IncomingRecord) => Promise<void>): KafkaSubscription['handleBatch'] {
  return async (records) => {
    const rejected: RecordRejection[] = [];
    for (const record of records) {
      try {
        await handle(record);
      } catch (err) {
        if (!(err instanceof PoisonRecordError)) throw err;
        rejected.push({ record, error: err });
      }
    }
    return rejected;
  };
}
