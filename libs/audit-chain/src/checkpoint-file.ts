import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SignedCheckpoint } from './signed-checkpoint';

/**
 * A checkpoint kept in a file, outside the store whose writer could delete it there: the signer's
 * memory of what it signed last, or the verifier's of what it saw last. Undefined when absent;
 * `whatToDo` ends the error when the file holds something else.
 */
export function readCheckpointFile(path: string, whatToDo: string): SignedCheckpoint | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: Partial<SignedCheckpoint> = {};
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<SignedCheckpoint>;
  } catch {
    // reported below, without the file's content
  }
  const { seq, head_hash, merkle_root, signed_at, signature, public_key } = parsed;
  if (!Number.isInteger(seq) || ![head_hash, merkle_root, signed_at, signature, public_key].every((v) => typeof v === 'string')) {
    throw new Error(`${path} does not hold a checkpoint: ${whatToDo}`);
  }
  return { seq: seq!, head_hash: head_hash!, merkle_root: merkle_root!, signed_at: signed_at!, signature: signature!, public_key: public_key! };
}

/** Written to a temporary file (0600) renamed over the old one, so a crash leaves one or the other whole. */
export function writeCheckpointFile(path: string, checkpoint: SignedCheckpoint): void {
  const { seq, head_hash, merkle_root, signed_at, signature, public_key } = checkpoint;
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ seq, head_hash, merkle_root, signed_at, signature, public_key }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
