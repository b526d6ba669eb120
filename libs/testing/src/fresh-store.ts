import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { projectRoot } from '@sealpost/infra';

/**
 * Drops every Sealpost database, so a suite that measures the system under load and faults
 * starts on an empty store instead of what the suites before it left: pending retries to
 * stopped devices and the range scans that remain (recovery passes) would otherwise weigh on
 * what it measures. Services must be stopped; the next ones recreate what they need, and the audit
 * signer starts a new log.
 */
export async function dropSealpostDatabases(mongoUrl: string): Promise<string[]> {
  const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const client = connection.getClient();
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    const ours = databases.map((d) => d.name).filter((name) => name.startsWith('sealpost_'));
    for (const name of ours) await client.db(name).dropDatabase();
    forgetSignedCheckpoints();
    return ours;
  } finally {
    await connection.close();
  }
}

/**
 * A fresh store is a new audit log on purpose: the audit signer of this run's suites must forget
 * the checkpoint it signed last (kept beside its key, see CheckpointService), or it would take the
 * empty log for a deleted one and refuse to sign.
 */
function forgetSignedCheckpoints(): void {
  const runs = join(projectRoot(), '.sealpost', 'test-runs');
  if (!existsSync(runs)) return;
  for (const run of readdirSync(runs).filter((name) => name.startsWith(`${process.pid}-`))) {
    rmSync(join(runs, run, 'audit-last-checkpoint.json'), { force: true });
  }
}
