import { isStatusUpgrade, MessageStatus, STATUS_RANK } from '@sealpost/contracts';

export type ReportedStatus = Exclude<MessageStatus, 'accepted'>;

const FORWARD: readonly ReportedStatus[] = ['sent', 'delivered', 'read'];

/**
 * The statuses a message passes through to reach `target` from `current`, in order; empty when
 * that would be a downgrade or a repeat. A message read or delivered was necessarily sent (and
 * a read one delivered), so the steps it skipped are filled in: a business always sees
 * sent → delivered → read, even when a device's receipt outruns delivery's own bookkeeping.
 */
export function statusSteps(current: MessageStatus, target: ReportedStatus): ReportedStatus[] {
  if (!isStatusUpgrade(current, target)) return [];
  if (target === 'failed') return ['failed'];
  return FORWARD.filter((s) => STATUS_RANK[s] > STATUS_RANK[current] && STATUS_RANK[s] <= STATUS_RANK[target]);
}

/** Unix seconds as a string, as the Cloud API writes timestamps. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
