import { createHash } from 'node:crypto';
import { leafHash, merkleRoot } from '@sealpost/audit-chain';
import { notAnExtension } from './not-an-extension';

const leaves = (n: number, from = 0) => Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`event-${from + i}`).digest()));
const signedAt = (tree: Buffer[], seq: number) => ({ seq, merkle_root: merkleRoot(tree.slice(0, seq)).toString('hex') });
const head = (tree: Buffer[]) => ({ seq: tree.length, root: merkleRoot(tree) });

describe('notAnExtension', () => {
  it('accepts a log that only grew since the checkpoint signed last, at every size', () => {
    const tree = leaves(20);
    for (let signed = 1; signed <= 20; signed++) {
      for (let size = signed; size <= 20; size++) expect(notAnExtension(signedAt(tree, signed), tree.slice(0, size), head(tree.slice(0, size)))).toBeUndefined();
    }
  });

  it('refuses a log rewritten below the signed size, even re-chained to a consistent new root', () => {
    const tree = leaves(20);
    const rewritten = [...tree];
    rewritten[3] = leafHash(Buffer.from('forged'));
    expect(notAnExtension(signedAt(tree, 10), rewritten, head(rewritten))).toMatch(/history rewritten/);
  });

  it('refuses a log cut below the signed size, and a store that lost part of the head', () => {
    const tree = leaves(20);
    expect(notAnExtension(signedAt(tree, 15), tree.slice(0, 12), head(tree.slice(0, 12)))).toMatch(/fewer than the 15/);
    expect(notAnExtension(signedAt(tree, 5), tree.slice(0, 18), head(tree))).toMatch(/holds 18 of the 20/);
  });
});
