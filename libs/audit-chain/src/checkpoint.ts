import { canonicalJson } from './canonical-json';

/** What a checkpoint signs: the log's size and head, and the Merkle root over its event hashes. */
export interface CheckpointBody {
  seq: number;
  head_hash: string;
  merkle_root: string;
  signed_at: string;
}

export function checkpointSigningBytes(body: CheckpointBody): Buffer {
  return Buffer.from(canonicalJson({ seq: body.seq, head_hash: body.head_hash, merkle_root: body.merkle_root, signed_at: body.signed_at }), 'utf8');
}
