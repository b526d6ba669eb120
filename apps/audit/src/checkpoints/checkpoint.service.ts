import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { checkpointSigningBytes, merkleRoot } from '@sealpost/audit-chain';
import { signEd25519 } from '@sealpost/crypto';
import { parseIsoDuration } from '@sealpost/platform';
import { AuditEnv } from '../config/audit.env';
import { AuditRecord } from '../records/audit-record.schema';
import { LogTree } from '../records/log-tree';
import { SIGNING_KEY, SigningKey } from '../signing-key/signing-key.provider';
import { Checkpoint } from './checkpoint.schema';

/** Signs a checkpoint every N events or every T, whichever comes first. */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointService.name);
  private readonly every: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running = Promise.resolve();

  constructor(
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly tree: LogTree,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.every = config.get('SEALPOST_AUDIT_CHECKPOINT_EVERY', { infer: true });
    this.intervalMs = parseIsoDuration(config.get('SEALPOST_AUDIT_CHECKPOINT_INTERVAL', { infer: true }))!;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.checkpointIfBehind(1), this.intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async onAppended(seq: number): Promise<void> {
    if (seq % this.every === 0) await this.checkpointIfBehind(this.every);
  }

  latest(): Promise<Checkpoint | null> {
    return this.checkpoints.findOne().sort({ seq: -1 }).lean().exec();
  }

  /** Serialised, so the timer and the event path never sign the same size twice. */
  private checkpointIfBehind(minNew: number): Promise<void> {
    this.running = this.running.then(() => this.sign(minNew)).catch((err: Error) => this.logger.warn({ error: err.message }, 'checkpoint failed; next one will cover it'));
    return this.running;
  }

  private async sign(minNew: number): Promise<void> {
    const [head, last] = await Promise.all([this.records.findOne().sort({ seq: -1 }).lean().exec(), this.latest()]);
    if (!head || head.seq - (last?.seq ?? 0) < minNew) return;
    const body = {
      seq: head.seq,
      head_hash: head.hash,
      merkle_root: merkleRoot(await this.tree.leaves(head.seq)).toString('hex'),
      signed_at: new Date().toISOString(),
    };
    const signature = signEd25519(this.key.privateKeyPem, checkpointSigningBytes(body));
    await this.checkpoints.create({ ...body, signature, public_key: this.key.publicKey });
    this.logger.log({ seq: body.seq }, 'checkpoint signed');
  }
}
