import { RETENTION_PARTICIPANTS } from '@sealpost/contracts';
import type { RetentionRun } from './retention-run.schema';

/**
 * The public status of a run (CONTRACT §7): `done` once every service reported; until then
 * `running`, naming after the deadline the services that are late (they purge when back, as
 * the command waits for them in Kafka, and the run turns done then).
 */
export function runStatus(run: Pick<RetentionRun, 'reports' | 'deadline'>, now = Date.now()) {
  const reports = Object.values(run.reports ?? {});
  const pending = RETENTION_PARTICIPANTS.filter((s) => !run.reports?.[s]);
  const status = pending.length === 0 ? 'done' : 'running';
  return {
    status,
    purged: Object.fromEntries(reports.map((r) => [r.service, r.purged])),
    keys_destroyed: reports.reduce((n, r) => n + (r.keys_destroyed ?? 0), 0),
    media_purged: reports.reduce((n, r) => n + (r.media_purged ?? 0), 0),
    pending,
    late: status === 'running' && now > run.deadline.getTime() ? pending : [],
  };
}
