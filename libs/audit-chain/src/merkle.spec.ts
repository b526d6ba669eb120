import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event-${i}`)));

describe('Merkle inclusion proofs (RFC 6962)', () => {
  it('matches the RFC 6962 shape for two leaves', () => {
    const [a, b] = leaves(2);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest();
    expect(merkleRoot([a, b]).equals(expected)).toBe(true);
  });

  it('verifies every leaf of trees of size 1 to 33', () => {
    for (let n = 1; n <= 33; n++) {
      const tree = leaves(n);
      const root = merkleRoot(tree);
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(tree[i], i, n, inclusionProof(i, tree), root)).toBe(true);
      }
    }
  });

  it('fails for an altered leaf, a wrong index or a wrong root', () => {
    const tree = leaves(13);
    const root = merkleRoot(tree);
    const proof = inclusionProof(5, tree);
    expect(verifyInclusion(leafHash(Buffer.from('forged')), 5, 13, proof, root)).toBe(false);
    expect(verifyInclusion(tree[5], 6, 13, proof, root)).toBe(false);
    expect(verifyInclusion(tree[5], 5, 13, proof, merkleRoot(leaves(12)))).toBe(false);
  });
});
