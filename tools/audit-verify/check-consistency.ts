import { signedByPinnedKey, SignedCheckpoint, verifyConsistency } from '@sealpost/audit-chain';

export interface ConsistencyCheck {
  from_seq: number;
  to_seq: number;
  valid: boolean;
  reason?: string;
}

/**
 * Whether `latest` extends `previous`, a checkpoint this tool saw on an earlier run: both signed
 * by the pinned key, and the server's RFC 9162 consistency proof carries the earlier root to the
 * later one. A server that rewrote history since (or shows different histories to different
 * readers) cannot produce that proof.
 */
export async function checkConsistency(
  previous: SignedCheckpoint,
  latest: SignedCheckpoint | undefined,
  pinnedKey: string,
  proofOf: (first: number, second: number) => Promise<Buffer[]>,
): Promise<ConsistencyCheck> {
  const to = latest?.seq ?? 0;
  const result = (reason?: string): ConsistencyCheck => ({ from_seq: previous.seq, to_seq: to, valid: reason === undefined, ...(reason && { reason }) });
  if (!signedByPinnedKey(previous, pinnedKey)) return result(`the remembered checkpoint at seq ${previous.seq} is not signed by the pinned key`);
  if (!latest) return result(`no checkpoint published, although one at seq ${previous.seq} was seen before (checkpoints deleted)`);
  if (latest.seq < previous.seq) return result(`the latest checkpoint (seq ${latest.seq}) is older than the one seen before (seq ${previous.seq}): the log was rolled back`);
  const proof = latest.seq === previous.seq ? [] : await proofOf(previous.seq, latest.seq);
  const consistent = verifyConsistency(previous.seq, latest.seq, Buffer.from(previous.merkle_root, 'hex'), Buffer.from(latest.merkle_root, 'hex'), proof);
  return result(consistent ? undefined : `the checkpoint at seq ${latest.seq} does not extend the one seen before at seq ${previous.seq}: history was rewritten`);
}
