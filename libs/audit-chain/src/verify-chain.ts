import { chainHash, contentHash, GENESIS_HASH } from './chain-hash';

export interface ChainedRecord {
  seq: number;
  prev_hash: string;
  hash: string;
  event?: unknown;
  /** SHA-256 of the event's canonical JSON; outlives the event's expiry (absent on records older than it) */
  content_hash?: string;
  /** past the log's own retention: the event is gone, its place in the chain (seq, hashes) stays */
  expired?: boolean;
}

export type ChainVerdict =
  | { valid: true; length: number; head_hash: string }
  | { valid: false; length: number; first_invalid_seq: number; reason: string };

/**
 * Walks records in seq order: seq must count 1, 2, 3 …; each prev_hash must be the previous
 * hash; each hash (and content hash) must be recomputable from its event. An expired record is
 * held to its content hash through the Merkle root a checkpoint signed (see auditLog). The first break names the seq where
 * the log stops being trustworthy (an altered, missing or moved event).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private failure?: { first_invalid_seq: number; reason: string };
  private seenLive = false;

  add(record: ChainedRecord): boolean {
    if (this.failure) return false;
    const fail = (reason: string) => ((this.failure = { first_invalid_seq: this.expectedSeq, reason }), false);
    if (record.seq !== this.expectedSeq) return fail(record.seq > this.expectedSeq ? `event ${this.expectedSeq} is missing` : `seq ${record.seq} out of order`);
    if (record.prev_hash !== this.prevHash) return fail('prev_hash does not match the previous event');
    if (record.expired) {
      // only the oldest events expire: a gap among live ones would hide a deletion
      if (this.seenLive) return fail('an expired event after live ones');
    } else {
      this.seenLive = true;
      if (chainHash(record.prev_hash, record.event) !== record.hash) return fail('hash does not match the event');
      if (record.content_hash !== undefined && contentHash(record.event) !== record.content_hash) return fail('content_hash does not match the event');
    }
    this.prevHash = record.hash;
    this.expectedSeq++;
    return true;
  }

  verdict(): ChainVerdict {
    const length = this.expectedSeq - 1;
    return this.failure ? { valid: false, length, ...this.failure } : { valid: true, length, head_hash: this.prevHash };
  }
}

export function verifyChain(records: Iterable<ChainedRecord>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const record of records) if (!verifier.add(record)) break;
  return verifier.verdict();
}
