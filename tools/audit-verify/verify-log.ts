import { auditLog, CheckpointCheck, SignedCheckpoint } from '@sealpost/audit-chain';
import { AuditLogReader } from './audit-log-reader';
import { checkConsistency, ConsistencyCheck } from './check-consistency';

export interface IndependentVerdict {
  valid: boolean;
  length: number;
  head_hash?: string;
  first_invalid_seq?: number;
  reasons: string[];
  /** false when no key was pinned and the checkpoint was checked against the key it names itself */
  key_pinned: boolean;
  checkpoint?: CheckpointCheck;
  /** against the checkpoint an earlier run saw (--checkpoint-file) */
  consistency?: ConsistencyCheck;
  /** the checkpoint checked, for the next run to hold the log against */
  latest?: SignedCheckpoint;
}

/**
 * Checks the log without trusting the server: recomputes every hash from the events, then the
 * latest checkpoint's signature (against the pinned key), its head hash and its Merkle root over
 * the downloaded events. Without a pinned key the signature proves nothing against whoever can
 * write the store (they name their own key), so the verdict says it was not pinned.
 */
export async function verifyLogIndependently(reader: AuditLogReader, pinnedKey?: string, previous?: SignedCheckpoint): Promise<IndependentVerdict> {
  // the checkpoint first, then the log: the log only grows (our own admin reads are audited), so
  // events read after the checkpoint was fetched include all it covers, whereas a checkpoint fetched
  // after the download may already cover events appended meanwhile
  const checkpoint = await reader.latestCheckpoint();
  const key = pinnedKey ?? checkpoint?.public_key;
  const audit = await auditLog(reader.records(), listOf(checkpoint ? [checkpoint] : []), { pinnedKey: key ?? '' });
  const verdict: IndependentVerdict = audit.valid
    ? { valid: true, length: audit.length, head_hash: audit.head_hash, reasons: [], key_pinned: !!pinnedKey, checkpoint: audit.checkpoint }
    : { valid: false, length: audit.length, first_invalid_seq: audit.first_invalid_seq, reasons: [audit.reason], key_pinned: !!pinnedKey, checkpoint: audit.checkpoint };
  if (!checkpoint && verdict.length > 0) {
    verdict.valid = false;
    verdict.first_invalid_seq ??= 1;
    verdict.reasons.push('no signed checkpoint published: nothing proves the log came from the signer (checkpoints deleted, or none signed yet: run again after the next one, every SEALPOST_AUDIT_CHECKPOINT_EVERY events or _INTERVAL)');
  }
  if (previous && key) {
    verdict.consistency = await checkConsistency(previous, checkpoint, key, (first, second) => reader.consistencyProof(first, second));
    if (!verdict.consistency.valid) {
      verdict.valid = false;
      verdict.first_invalid_seq = Math.min(verdict.first_invalid_seq ?? Infinity, 1);
      verdict.reasons.push(verdict.consistency.reason!);
    }
  }
  verdict.latest = checkpoint;
  if (!pinnedKey) verdict.reasons.push('key not pinned: pass --public-key, or anyone who can write the store can sign a checkpoint this accepts');
  return verdict;
}

async function* listOf<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
