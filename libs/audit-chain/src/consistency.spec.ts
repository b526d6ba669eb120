import { createHash } from 'node:crypto';
import { consistencyProof, verifyConsistency } from './consistency';
import { leafHash, merkleRoot, nodeHash } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`event-${i}`).digest()));
const hex = (proof: Buffer[]) => proof.map((h) => h.toString('hex'));

describe('Merkle consistency proofs (RFC 9162 §2.1.4)', () => {
  // RFC 9162 §2.1.5: the tree of seven leaves d0…d6 and its three example proofs
  const d = Array.from({ length: 7 }, (_, i) => leafHash(Buffer.from(`d${i}`)));
  const [a, b, c, dd, e, f, j] = d as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const g = nodeHash(a, b);
  const h = nodeHash(c, dd);
  const i = nodeHash(e, f);
  const k = nodeHash(g, h);
  const l = nodeHash(i, j);

  it('matches the RFC 9162 examples: sizes 3, 4 and 6 against 7', () => {
    expect(hex(consistencyProof(3, d))).toEqual(hex([c, dd, g, l]));
    expect(hex(consistencyProof(4, d))).toEqual(hex([l]));
    expect(hex(consistencyProof(6, d))).toEqual(hex([i, j, k]));
    const root = nodeHash(k, l);
    expect(merkleRoot(d).equals(root)).toBe(true);
    expect(verifyConsistency(3, 7, merkleRoot(d.slice(0, 3)), root, [c, dd, g, l])).toBe(true);
    expect(verifyConsistency(4, 7, k, root, [l])).toBe(true);
    expect(verifyConsistency(6, 7, nodeHash(k, i), root, [i, j, k])).toBe(true);
  });

  it('proves every prefix of every tree of sizes 1 to 40 against the trees’ own roots', () => {
    const all = leaves(40);
    for (let n = 1; n <= all.length; n++) {
      const tree = all.slice(0, n);
      const root = merkleRoot(tree);
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, tree);
        expect(verifyConsistency(m, n, merkleRoot(tree.slice(0, m)), root, proof)).toBe(true);
      }
    }
  });

  it('refuses a rewritten prefix, a wrong root, an altered or shortened proof, and swapped sizes', () => {
    const tree = leaves(13);
    const root = merkleRoot(tree);
    const firstRoot = merkleRoot(tree.slice(0, 5));
    const proof = consistencyProof(5, tree);
    const rewritten = [...tree];
    rewritten[2] = leafHash(Buffer.from('rewritten'));
    expect(verifyConsistency(5, 13, firstRoot, merkleRoot(rewritten), consistencyProof(5, rewritten))).toBe(false);
    expect(verifyConsistency(5, 13, merkleRoot(leaves(6).slice(1)), root, proof)).toBe(false);
    expect(verifyConsistency(5, 13, firstRoot, merkleRoot(tree.slice(0, 12)), proof)).toBe(false);
    expect(verifyConsistency(5, 13, firstRoot, root, [proof[0]!, leafHash(Buffer.from('x')), ...proof.slice(2)])).toBe(false);
    expect(verifyConsistency(5, 13, firstRoot, root, proof.slice(0, -1))).toBe(false);
    expect(verifyConsistency(5, 13, firstRoot, root, [...proof, proof[0]!])).toBe(false);
    expect(verifyConsistency(13, 5, root, firstRoot, proof)).toBe(false);
    expect(verifyConsistency(6, 13, firstRoot, root, proof)).toBe(false);
  });

  it('needs equal roots and no proof for equal sizes, and no proof from the empty tree', () => {
    const tree = leaves(9);
    expect(verifyConsistency(9, 9, merkleRoot(tree), merkleRoot(tree), [])).toBe(true);
    expect(verifyConsistency(9, 9, merkleRoot(tree), merkleRoot(leaves(10).slice(1)), [])).toBe(false);
    expect(verifyConsistency(0, 9, merkleRoot([]), merkleRoot(tree), [])).toBe(true);
    expect(() => consistencyProof(10, tree)).toThrow(RangeError);
  });
});
