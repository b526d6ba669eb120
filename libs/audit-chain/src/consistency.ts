import { merkleRoot, nodeHash, split } from './merkle';

/**
 * RFC 9162 §2.1.4.1 consistency proof that the first `first` leaves form a prefix of `leaves`:
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
 */
export function consistencyProof(first: number, leaves: readonly Buffer[]): Buffer[] {
  if (!Number.isInteger(first) || first < 0 || first > leaves.length) throw new RangeError(`no consistency proof from size ${first} to ${leaves.length}`);
  return first === 0 ? [] : subproof(first, leaves, true);
}

function subproof(m: number, leaves: readonly Buffer[], complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [merkleRoot(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), complete), merkleRoot(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), merkleRoot(leaves.slice(0, k))];
}

/**
 * RFC 9162 §2.1.4.2: whether the tree of `second` leaves with root `secondRoot` extends the tree
 * of `first` leaves with root `firstRoot`, given the proof. Equal sizes need equal roots and an
 * empty proof; the empty tree is a prefix of every tree.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || first > second) return false;
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
