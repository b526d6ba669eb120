import type { AuditRecord } from './audit-record.schema';

/** The API form of a record: the event's own fields plus its place in the chain. */
export function toRecordView(r: AuditRecord) {
  const place = { seq: r.seq, prev_hash: r.prev_hash, hash: r.hash, ...(r.content_hash && { content_hash: r.content_hash }), recorded_at: r.recorded_at.toISOString() };
  return r.expired ? { ...place, expired: true } : { ...place, ...r.event };
}
