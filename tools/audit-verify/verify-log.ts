import { ChainVerifier, checkpointSigningBytes, leafHash, merkleRoot } from '@sealpost/audit-chain';
import { verifyEd25519 } from '@sealpost/crypto';
import { AuditLogReader } from './audit-log-reader';

export interface IndependentVerdict {
  valid: boolean;
  length: number;
  head_hash?: string;
  first_invalid_seq?: number;
  reasons: string[];
  checkpoint?: { seq: number; signature_valid: boolean; head_matches: boolean; merkle_root_matches: boolean };
}

/**
 * Checks the log without trusting the server: recomputes every hash from the events, then
 * the checkpoint's signature (against a pinned key when given), its head hash and its Merkle
 * root over the downloaded event hashes.
 */
export async function verifyLogIndependently(reader: AuditLogReader, pinnedPublicKey?: string): Promise<IndependentVerdict> {
  // the checkpoint first, then the log: the log only grows (our own admin reads are audited), so
  // events read after the checkpoint was fetched include all it covers, whereas a checkpoint fetched
  // after the download may already cover events appended meanwhile
  const checkpoint = await reader.latestCheckpoint();
  const verifier = new ChainVerifier();
  const hashes: string[] = [];
  for await (const record of reader.records()) {
    if (!verifier.add(record)) break;
    hashes.push(record.hash);
  }
  const chain = verifier.verdict();
  const reasons = chain.valid ? [] : [chain.reason];
  const verdict: IndependentVerdict = chain.valid
    ? { valid: true, length: chain.length, head_hash: chain.head_hash, reasons }
    : { valid: false, length: chain.length, first_invalid_seq: chain.first_invalid_seq, reasons };

  if (!checkpoint) return { ...verdict, reasons: [...reasons, 'no checkpoint published yet'] };
  const key = pinnedPublicKey ?? checkpoint.public_key;
  const signatureValid = verifyEd25519(key, checkpointSigningBytes(checkpoint), checkpoint.signature);
  const covered = hashes.slice(0, checkpoint.seq);
  const headMatches = covered.length === checkpoint.seq && covered[covered.length - 1] === checkpoint.head_hash;
  const rootMatches = covered.length === checkpoint.seq && merkleRoot(covered.map((h) => leafHash(Buffer.from(h, 'hex')))).toString('hex') === checkpoint.merkle_root;
  verdict.checkpoint = { seq: checkpoint.seq, signature_valid: signatureValid, head_matches: headMatches, merkle_root_matches: rootMatches };
  if (!signatureValid) reasons.push(pinnedPublicKey ? 'checkpoint not signed by the pinned key' : 'checkpoint signature invalid');
  if (!headMatches) reasons.push('log does not reach the checkpoint or its head differs');
  if (!rootMatches) reasons.push('Merkle root differs from the checkpoint');
  if (!signatureValid || !headMatches || !rootMatches) {
    verdict.valid = false;
    verdict.first_invalid_seq ??= Math.min(verdict.length + 1, checkpoint.seq);
  }
  return verdict;
}
