import { recordLeaf } from './merkle';
import { MerkleFrontier } from './merkle-frontier';
import { signedByPinnedKey, SignedCheckpoint } from './signed-checkpoint';
import { ChainedRecord, ChainVerifier } from './verify-chain';

/** A record as the log holds it, with the time the audit service appended it where known. */
export interface AuditedRecord extends ChainedRecord {
  recorded_at?: Date | string;
}

/** What one signed checkpoint says about the log. */
export interface CheckpointCheck {
  seq: number;
  signature_valid: boolean;
  /** the key the checkpoint names is the pinned one (a replaced key is tampering even where harmless) */
  key_matches: boolean;
  head_matches: boolean;
  merkle_root_matches: boolean;
}

export interface LogAuditOptions {
  /** base64url raw Ed25519 key every checkpoint must verify under */
  pinnedKey: string;
  /** events recorded longer ago than this must be covered by a checkpoint (omit: never required) */
  signedWithinMs?: number;
  now?: Date;
}

export type LogAudit =
  | { valid: true; length: number; head_hash: string; checkpoints_checked: number; checkpoint?: CheckpointCheck }
  | { valid: false; length: number; first_invalid_seq: number; reason: string; checkpoints_checked: number; checkpoint?: CheckpointCheck };

/**
 * Walks the log once: rehashes the chain, grows the Merkle tree, and holds every signed
 * checkpoint against the prefix it signed (head hash and root at its size, signature under the
 * pinned key). The first event nothing vouches for (a broken link, a bad checkpoint, an old event
 * past the last checkpoint) is where the log stops being trustworthy.
 */
export async function auditLog(records: AsyncIterable<AuditedRecord>, checkpoints: AsyncIterable<SignedCheckpoint>, options: LogAuditOptions): Promise<LogAudit> {
  const auditor = new LogAuditor(options.pinnedKey);
  const pending = checkpoints[Symbol.asyncIterator]();
  let next = await pending.next();
  for await (const record of records) {
    if (!auditor.add(record)) break;
    for (; !next.done && next.value.seq <= record.seq; next = await pending.next()) auditor.check(next.value);
  }
  for (; !next.done; next = await pending.next()) auditor.check(next.value);
  return auditor.verdict(options.signedWithinMs, options.now ?? new Date());
}

class LogAuditor {
  private readonly chain = new ChainVerifier();
  private readonly frontier = new MerkleFrontier();
  private headHash?: string;
  private vouchedThrough = 0;
  private problem?: { seq: number; reason: string };
  private latest?: CheckpointCheck;
  private checked = 0;
  private firstUnsigned?: AuditedRecord;

  constructor(private readonly pinnedKey: string) {}

  add(record: AuditedRecord): boolean {
    if (!this.chain.add(record)) return false;
    this.frontier.append(recordLeaf(record));
    this.headHash = record.hash;
    this.firstUnsigned ??= record;
    return true;
  }

  check(checkpoint: SignedCheckpoint): void {
    const reached = this.frontier.size === checkpoint.seq;
    const result: CheckpointCheck = {
      seq: checkpoint.seq,
      signature_valid: signedByPinnedKey(checkpoint, this.pinnedKey),
      key_matches: checkpoint.public_key === this.pinnedKey,
      head_matches: reached && this.headHash === checkpoint.head_hash,
      merkle_root_matches: reached && this.frontier.root().toString('hex') === checkpoint.merkle_root,
    };
    this.checked++;
    this.latest = result;
    const reason = failure(result, reached);
    // a checkpoint past a broken link is unreachable because of that link, which names itself
    if (!reached && !this.chain.verdict().valid) return;
    if (reason) this.fail(reached ? this.vouchedThrough + 1 : this.frontier.size + 1, `checkpoint at seq ${checkpoint.seq}: ${reason}`);
    else {
      this.vouchedThrough = checkpoint.seq;
      this.firstUnsigned = undefined;
    }
  }

  verdict(signedWithinMs: number | undefined, now: Date): LogAudit {
    const chain = this.chain.verdict();
    if (!chain.valid) this.fail(chain.first_invalid_seq, chain.reason);
    const unsigned = this.firstUnsigned;
    // a broken link names the event altered, removed or reordered (CONTRACT §9): events after the last
    // checkpoint that no checkpoint covers yet (a signer behind on a long log) do not hide it
    if (chain.valid && unsigned && signedWithinMs !== undefined && unsigned.recorded_at !== undefined && now.getTime() - new Date(unsigned.recorded_at).getTime() > signedWithinMs) {
      const what = this.checked === 0 ? 'no signed checkpoint covers the log' : `no signed checkpoint covers events from seq ${unsigned.seq} on`;
      this.fail(unsigned.seq, `${what}, although they were recorded more than ${Math.round(signedWithinMs / 1000)} s ago: checkpoints were deleted or the signer refuses to sign (see the audit service's log and /health/ready)`);
    }
    const common = { length: chain.length, checkpoints_checked: this.checked, ...(this.latest && { checkpoint: this.latest }) };
    if (this.problem || !chain.valid) return { valid: false, first_invalid_seq: this.problem!.seq, reason: this.problem!.reason, ...common };
    return { valid: true, head_hash: chain.head_hash, ...common };
  }

  private fail(seq: number, reason: string): void {
    if (!this.problem || seq < this.problem.seq) this.problem = { seq, reason };
  }
}

function failure(check: CheckpointCheck, reached: boolean): string | undefined {
  if (!check.signature_valid) return 'not signed by the pinned key';
  if (!check.key_matches) return 'names a key other than the pinned one';
  if (!reached) return 'the log ends before it (events cut off)';
  if (!check.head_matches) return 'head hash differs from the log';
  if (!check.merkle_root_matches) return 'Merkle root differs from the log';
  return undefined;
}
