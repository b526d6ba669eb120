import { createHash } from 'node:crypto';
import { leafHash, merkleRoot } from './merkle';
import { MerkleFrontier } from './merkle-frontier';

const leaf = (i: number) => leafHash(createHash('sha256').update(String(i)).digest());

describe('MerkleFrontier', () => {
  it('has the root of the whole tree after every append, sizes 0 to 300', () => {
    const leaves: Buffer[] = [];
    const frontier = new MerkleFrontier();
    expect(frontier.root().equals(merkleRoot([]))).toBe(true);
    for (let i = 0; i < 300; i++) {
      leaves.push(leaf(i));
      frontier.append(leaves[i]!);
      expect(frontier.size).toBe(i + 1);
      expect(frontier.root().toString('hex')).toBe(merkleRoot(leaves).toString('hex'));
    }
  });

  it('a copy grows apart from its original', () => {
    const original = MerkleFrontier.of([leaf(1), leaf(2), leaf(3)]);
    const copy = original.copy();
    copy.append(leaf(4));
    expect(original.root().equals(merkleRoot([leaf(1), leaf(2), leaf(3)]))).toBe(true);
    expect(copy.root().equals(merkleRoot([leaf(1), leaf(2), leaf(3), leaf(4)]))).toBe(true);
  });

  it('a different leaf anywhere changes the root', () => {
    const leaves = Array.from({ length: 13 }, (_, i) => leaf(i));
    const root = MerkleFrontier.of(leaves).root();
    for (let i = 0; i < leaves.length; i++) {
      const altered = [...leaves];
      altered[i] = leaf(1000 + i);
      expect(MerkleFrontier.of(altered).root().equals(root)).toBe(false);
    }
  });
});
