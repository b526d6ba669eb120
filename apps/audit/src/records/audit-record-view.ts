import type { AuditRecord } from './audit-record.schema';

/** The API form of a record: the event's own fields plus its place in the chain. */
export function toRecordView(r: AuditRecord) {
  return { seq: r.seq, prev_hash: r.prev_hash, hash: r.hash, recorded_at: r.recorded_at.toISOString(), ...r.event };
}
