import { consistencyProof, verifyConsistency } from '@sealpost/audit-chain';

/** The size and Merkle root a checkpoint signed. */
export interface SignedTree {
  seq: number;
  merkle_root: string;
}

/**
 * Why the store's tree (its leaves, up to the head about to be signed) is not an extension of the
 * tree signed last, or undefined when it is: an RFC 9162 consistency proof built from the stored
 * leaves must carry the signed root to the head's root.
 */
export function notAnExtension(signed: SignedTree, stored: readonly Buffer[], head: { seq: number; root: Buffer }): string | undefined {
  if (stored.length !== head.seq) return `the store holds ${stored.length} of the ${head.seq} events of the log's head`;
  if (head.seq < signed.seq) return `the log holds ${head.seq} events, fewer than the ${signed.seq} its last signed checkpoint covers`;
  const proof = consistencyProof(signed.seq, stored);
  if (!verifyConsistency(signed.seq, head.seq, Buffer.from(signed.merkle_root, 'hex'), head.root, proof)) {
    return `the log's first ${signed.seq} events are not those its last signed checkpoint covers (history rewritten)`;
  }
  return undefined;
}
