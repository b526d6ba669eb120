import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { auditLog, LogAudit } from '@sealpost/audit-chain';
import { parseIsoDuration } from '@sealpost/platform';
import { checkpointDeadlineMs } from '../../checkpoints/checkpoint-deadline';
import { Checkpoint } from '../../checkpoints/checkpoint.schema';
import { AuditEnv } from '../../config/audit.env';
import { LogIntegrity } from '../../integrity/log-integrity';
import { VERIFYING_KEY } from '../../signing-key/verifying-key.provider';
import { AuditRecord } from '../audit-record.schema';

/**
 * Recomputes the whole chain and Merkle tree from the stored events and holds every stored
 * checkpoint against them, each verified with the pinned key, never the key it names. Events
 * older than a checkpoint interval (and some slack) that no checkpoint covers make the log
 * unverified: deleted checkpoints must not leave a bare chain that anyone could have rewritten;
 * and so is a log the signer has found tampered with.
 */
@Injectable()
export class VerifyLogUseCase {
  private readonly signedWithinMs: number;

  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    @Inject(VERIFYING_KEY) private readonly pinnedKey: string,
    private readonly integrity: LogIntegrity,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.signedWithinMs = checkpointDeadlineMs(parseIsoDuration(config.get('SEALPOST_AUDIT_CHECKPOINT_INTERVAL', { infer: true }))!);
  }

  async execute(): Promise<LogAudit> {
    const records = this.records.find().sort({ seq: 1 }).lean<AuditRecord[]>().cursor();
    const checkpoints = this.checkpoints.find().sort({ seq: 1 }).lean<Checkpoint[]>().cursor();
    const audit = await auditLog(records, checkpoints, { pinnedKey: this.pinnedKey, signedWithinMs: this.signedWithinMs });
    const refusal = this.integrity.refusal;
    if (!refusal) return audit;
    // the signer saw the store lose or rewrite what it signed: whatever the store now says is unproven
    const { length, checkpoints_checked, checkpoint } = audit;
    return { valid: false, length, first_invalid_seq: audit.valid ? 1 : audit.first_invalid_seq, reason: `the signer found the log tampered with and refuses to sign: ${refusal}`, checkpoints_checked, checkpoint };
  }
}
