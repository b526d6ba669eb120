import { createHash } from 'node:crypto';

/**
 * RFC 6962 (Certificate Transparency) Merkle tree hashing over the event hashes of the log:
 * leaf = SHA-256(0x00 ‖ leaf data), node = SHA-256(0x01 ‖ left ‖ right).
 */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
export const leafHash = (data: Buffer): Buffer => sha256(Buffer.from([0]), data);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/**
 * The Merkle leaf of one record: over its chain hash and the hash of its event's content, so an
 * expired record (its event gone) still recomputes its leaf and proves both against a signed root.
 * Records appended before content hashes existed have the leaf of their chain hash alone.
 */
export function recordLeaf(record: { hash: string; content_hash?: string }): Buffer {
  const hash = Buffer.from(record.hash, 'hex');
  return leafHash(record.content_hash === undefined ? hash : Buffer.concat([hash, Buffer.from(record.content_hash, 'hex')]));
}

/** Largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Merkle Tree Hash of the leaves (already leaf-hashed). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** Audit path for leaf `index` (0-based) in a tree of these leaves (RFC 6962 §2.1.1). */
export function inclusionProof(index: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionProof(index, leaves.slice(0, k)), merkleRoot(leaves.slice(k))]
    : [...inclusionProof(index - k, leaves.slice(k)), merkleRoot(leaves.slice(0, k))];
}

/** Recomputes the root from a leaf and its audit path (RFC 9162 §2.1.3.2). */
export function verifyInclusion(leaf: Buffer, index: number, treeSize: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}
