import { waitFor } from '@sealpost/testing';
import type { RunningSuite } from './running-suite';

export interface SweepOutcome {
  /** taken just before the sweep started: whatever is older than a policy at this instant must be gone */
  startedAt: Date;
  status: string;
  detail: string;
}

interface SweepStatus {
  status: 'running' | 'done' | 'failed';
  purged?: Record<string, number>;
  keys_destroyed?: number;
  late?: string[];
  pending?: string[];
}

/** Starts a retention sweep and waits until every service reported (or the deadline). */
export async function runSweep(suite: RunningSuite, waitMs: number): Promise<SweepOutcome> {
  const startedAt = new Date();
  const { sweep_id } = await suite.adminJson<{ sweep_id: string }>('retention', '/admin/sweeps', { method: 'POST' });
  let last: SweepStatus = { status: 'running' };
  try {
    await waitFor('the retention sweep to finish', async () => {
      last = await suite.adminJson<SweepStatus>('retention', `/admin/sweeps/${sweep_id}`);
      return last.status !== 'running';
    }, waitMs, 500);
  } catch {
    // reported below: a sweep that never ends is itself evidence
  }
  const waiting = [...(last.pending ?? []), ...(last.late ?? [])];
  return {
    startedAt,
    status: last.status,
    detail: `sweep ${sweep_id} ${last.status}: purged ${JSON.stringify(last.purged ?? {})}, ${last.keys_destroyed ?? 0} key(s) destroyed${waiting.length ? `, waiting for ${waiting.join(', ')}` : ''}`,
  };
}
