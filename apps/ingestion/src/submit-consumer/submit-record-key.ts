import type { IncomingRecord } from '@sealpost/kafka';

/**
 * The idempotency key of a submit record without client_message_id: its place in the log, so a
 * redelivered record (after a crash or a rebalance) finds the message it already made instead of
 * making a second. The topic is always the submit topic; the record's timestamp, fixed in the
 * log like its offset, keeps a recreated topic's reused offsets from matching older messages.
 */
export function submitRecordKey({ partition, message }: IncomingRecord): string {
  return `submit:${partition}:${message.offset}:${message.timestamp}`;
}
