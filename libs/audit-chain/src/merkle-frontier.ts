import { merkleRoot, nodeHash } from './merkle';

/**
 * The RFC 6962 Merkle Tree Hash of a growing log, kept without its leaves: the roots of the
 * perfect subtrees the leaves form from the left (one per 1-bit of the size, largest first).
 * Appending a leaf merges equal-sized subtrees; the root folds them right to left, which is the
 * RFC's split at the largest power of two below the size. O(log n) memory and work per leaf.
 */
export class MerkleFrontier {
  private readonly subtrees: { size: number; hash: Buffer }[] = [];
  private count = 0;

  static of(leaves: readonly Buffer[]): MerkleFrontier {
    const frontier = new MerkleFrontier();
    for (const leaf of leaves) frontier.append(leaf);
    return frontier;
  }

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let merged = { size: 1, hash: leaf };
    for (let last = this.subtrees.at(-1); last && last.size === merged.size; last = this.subtrees.at(-1)) {
      this.subtrees.pop();
      merged = { size: last.size * 2, hash: nodeHash(last.hash, merged.hash) };
    }
    this.subtrees.push(merged);
    this.count++;
  }

  root(): Buffer {
    if (this.subtrees.length === 0) return merkleRoot([]);
    let acc = this.subtrees[this.subtrees.length - 1]!.hash;
    for (let i = this.subtrees.length - 2; i >= 0; i--) acc = nodeHash(this.subtrees[i]!.hash, acc);
    return acc;
  }

  copy(): MerkleFrontier {
    const copy = new MerkleFrontier();
    copy.subtrees.push(...this.subtrees);
    copy.count = this.count;
    return copy;
  }
}
