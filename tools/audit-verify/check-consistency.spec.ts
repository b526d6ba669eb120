import { createHash } from 'node:crypto';
import { checkpointSigningBytes, consistencyProof, leafHash, merkleRoot, SignedCheckpoint } from '@sealpost/audit-chain';
import { generateSigningKeyPair, signEd25519 } from '@sealpost/crypto';
import { checkConsistency } from './check-consistency';

const key = generateSigningKeyPair();
const leaves = (n: number, tag = 'event') => Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`${tag}-${i}`).digest()));

function checkpoint(tree: Buffer[], seq: number, signer = key): SignedCheckpoint {
  const body = { seq, head_hash: 'h'.repeat(64), merkle_root: merkleRoot(tree.slice(0, seq)).toString('hex'), signed_at: '2026-12-07T12:00:00.000Z' };
  return { ...body, signature: signEd25519(signer.privateKeyPem, checkpointSigningBytes(body)), public_key: signer.publicKey };
}

describe('checkConsistency', () => {
  const tree = leaves(30);
  const proofs = (served: Buffer[]) => async (first: number, second: number) => consistencyProof(first, served.slice(0, second));

  it('accepts a later checkpoint that extends the one seen before, and the same one again', async () => {
    expect(await checkConsistency(checkpoint(tree, 11), checkpoint(tree, 30), key.publicKey, proofs(tree))).toEqual({ from_seq: 11, to_seq: 30, valid: true });
    expect(await checkConsistency(checkpoint(tree, 11), checkpoint(tree, 11), key.publicKey, proofs(tree))).toMatchObject({ valid: true });
  });

  it('refuses a signed history that does not extend the one seen before, whatever proof the server serves', async () => {
    const rewritten = [...tree.slice(0, 4), ...leaves(26, 'forged')];
    const result = await checkConsistency(checkpoint(tree, 11), checkpoint(rewritten, 30), key.publicKey, proofs(rewritten));
    expect(result).toMatchObject({ valid: false, reason: expect.stringContaining('history was rewritten') });
    expect(await checkConsistency(checkpoint(tree, 11), checkpoint(rewritten, 30), key.publicKey, proofs(tree))).toMatchObject({ valid: false });
  });

  it('refuses a rollback, a vanished checkpoint, and a remembered checkpoint the pinned key did not sign', async () => {
    expect(await checkConsistency(checkpoint(tree, 20), checkpoint(tree, 12), key.publicKey, proofs(tree))).toMatchObject({ valid: false, reason: expect.stringContaining('rolled back') });
    expect(await checkConsistency(checkpoint(tree, 20), undefined, key.publicKey, proofs(tree))).toMatchObject({ valid: false, reason: expect.stringContaining('checkpoints deleted') });
    const other = generateSigningKeyPair();
    expect(await checkConsistency(checkpoint(tree, 20, other), checkpoint(tree, 30), key.publicKey, proofs(tree))).toMatchObject({ valid: false, reason: expect.stringContaining('not signed by the pinned key') });
  });
});
