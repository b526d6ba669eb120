import { PurgeCommand } from '@sealpost/contracts';
import type { DataKey } from '../data-keys/data-key.schema';

/**
 * Before this instant, a recipient key last in use is needed by no message any more. Its
 * messages may come from any business, so the longest retention any business may have counts:
 * the default for businesses without a policy, or a longer policy.
 */
export function recipientCutoff(command: PurgeCommand): Date {
  const longest = Math.max(command.default_max_age_ms, ...Object.values(command.policies));
  return new Date(Date.parse(command.issued_at) - longest);
}

/**
 * The recipient keys a purge deletes: out of use since before the cutoff, and pinned by no
 * device (a device holds the person's pseudonym, which must then last until erasure). Rows from
 * before `used_until` existed stay until the person is next seen.
 */
export function expiredRecipients<T extends Pick<DataKey, 'used_until' | 'pinned'>>(rows: readonly T[], command: PurgeCommand): T[] {
  const cutoff = recipientCutoff(command).getTime();
  return rows.filter((row) => !row.pinned && row.used_until instanceof Date && row.used_until.getTime() <= cutoff);
}
