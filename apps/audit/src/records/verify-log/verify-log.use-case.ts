import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ChainVerdict, ChainVerifier, checkpointSigningBytes } from '@sealpost/audit-chain';
import { verifyEd25519 } from '@sealpost/crypto';
import { Checkpoint } from '../../checkpoints/checkpoint.schema';
import { AuditRecord } from '../audit-record.schema';

export type LogVerdict = ChainVerdict & { checkpoint?: { seq: number; signature_valid: boolean; matches_log: boolean } };

/**
 * Recomputes the whole chain from the stored events, then holds it against the latest
 * signed checkpoint, which also catches events cut from the end of the log.
 */
@Injectable()
export class VerifyLogUseCase {
  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
  ) {}

  async execute(): Promise<LogVerdict> {
    const verifier = new ChainVerifier();
    const hashes = new Map<number, string>();
    const checkpoint = await this.checkpoints.findOne().sort({ seq: -1 }).lean().exec();
    for await (const record of this.records.find().sort({ seq: 1 }).lean().cursor()) {
      if (checkpoint && record.seq === checkpoint.seq) hashes.set(record.seq, record.hash);
      if (!verifier.add({ seq: record.seq, prev_hash: record.prev_hash, hash: record.hash, event: record.event, expired: record.expired })) break;
    }
    const verdict = verifier.verdict();
    if (!checkpoint) return verdict;
    const signatureValid = verifyEd25519(checkpoint.public_key, checkpointSigningBytes(checkpoint), checkpoint.signature);
    const matchesLog = hashes.get(checkpoint.seq) === checkpoint.head_hash;
    const summary = { seq: checkpoint.seq, signature_valid: signatureValid, matches_log: matchesLog };
    if (verdict.valid && (!signatureValid || !matchesLog)) {
      const firstInvalid = verdict.length < checkpoint.seq ? verdict.length + 1 : checkpoint.seq;
      return { valid: false, length: verdict.length, first_invalid_seq: firstInvalid, reason: matchesLog ? 'checkpoint signature invalid' : 'log does not match its signed checkpoint', checkpoint: summary };
    }
    return { ...verdict, checkpoint: summary };
  }
}
