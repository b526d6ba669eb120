import { verifyEd25519 } from '@sealpost/crypto';
import { CheckpointBody, checkpointSigningBytes } from './checkpoint';

/** A checkpoint as stored and published: the body, its Ed25519 signature, and the key it names. */
export interface SignedCheckpoint extends CheckpointBody {
  signature: string;
  public_key: string;
}

/**
 * Whether the pinned key signed this checkpoint. The key the checkpoint names is never used to
 * verify it: whoever rewrites the store can name their own key and sign with it.
 */
export function signedByPinnedKey(checkpoint: SignedCheckpoint, pinnedKey: string): boolean {
  return verifyEd25519(pinnedKey, checkpointSigningBytes(checkpoint), checkpoint.signature);
}
