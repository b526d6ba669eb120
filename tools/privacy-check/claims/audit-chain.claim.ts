import { waitFor } from '@sealpost/testing';
import { AuditLogReader } from '../../audit-verify/audit-log-reader';
import { verifyLogIndependently } from '../../audit-verify/verify-log';
import type { Claim } from './claim';

export const auditChain: Claim = {
  id: 'audit-chain',
  statement: 'the audit chain and its latest checkpoint, signed by the pinned key, verify, and the checkpoint covers the canary',
  async check({ options, suite, progress }) {
    if ('problem' in options.auditPublicKey) return { pass: false, evidence: [options.auditPublicKey.problem] };
    const pinnedKey = options.auditPublicKey.key;
    const reader = new AuditLogReader(options.urls.audit, options.adminToken);
    const server = await suite.adminJson<{ valid: boolean; length: number; first_invalid_seq?: number }>('audit', '/admin/audit/verify');
    const evidence = [server.valid ? `the audit service verifies ${server.length} events` : `the audit service reports the chain broken at seq ${server.first_invalid_seq}`];
    progress(`waiting up to ${options.waitMs / 1000} s for a signed checkpoint at seq ${server.length} or later (one comes every SEALPOST_AUDIT_CHECKPOINT_EVERY events or _INTERVAL)…`);
    try {
      // the canary's events are in the log by now; a checkpoint is signed every N events or T
      await waitFor('a checkpoint covering the canary', async () => ((await reader.latestCheckpoint())?.seq ?? 0) >= server.length, options.waitMs, 1000);
    } catch {
      evidence.push(`no checkpoint reached seq ${server.length} within ${options.waitMs / 1000} s`);
    }
    const verdict = await verifyLogIndependently(reader, pinnedKey);
    const checkpoint = verdict.checkpoint;
    evidence.push(
      verdict.valid
        ? `independent check: ${verdict.length} events rehashed, head ${verdict.head_hash?.slice(0, 16)}…`
        : `independent check: invalid from seq ${verdict.first_invalid_seq}: ${verdict.reasons.join('; ')}`,
    );
    if (checkpoint) evidence.push(`checkpoint at seq ${checkpoint.seq}: signature by the pinned key ${checkpoint.signature_valid ? 'valid' : 'INVALID'}, head ${checkpoint.head_matches ? 'matches' : 'DIFFERS'}, Merkle root ${checkpoint.merkle_root_matches ? 'matches' : 'DIFFERS'}`);
    const covered = (checkpoint?.seq ?? 0) >= server.length;
    return { pass: server.valid && verdict.valid && !!checkpoint && covered && checkpoint.signature_valid && checkpoint.head_matches && checkpoint.merkle_root_matches, evidence };
  },
};
