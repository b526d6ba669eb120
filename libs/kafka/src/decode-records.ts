import type { IncomingRecord, RecordRejection } from './kafka-subscription';
import { PoisonRecordError } from './poison-record.error';

export interface DecodedRecords<C> {
  /** each valid record's typed command, in offset order */
  decoded: { record: IncomingRecord; command: C }[];
  /** records whose decoding threw a PoisonRecordError: dead-letter decisions, never transport errors */
  rejected: RecordRejection[];
}

/** The first step of every batch handler: each record becomes a typed command or a rejection. */
export function decodeRecords<C>(records: readonly IncomingRecord[], decode: (record: IncomingRecord) => C): DecodedRecords<C> {
  const result: DecodedRecords<C> = { decoded: [], rejected: [] };
  for (const record of records) {
    try {
      result.decoded.push({ record, command: decode(record) });
    } catch (error) {
      if (!(error instanceof PoisonRecordError)) throw error;
      result.rejected.push({ record, error });
    }
  }
  return result;
}
