import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { checkpointSigningBytes } from '@sealpost/audit-chain';
import { signEd25519 } from '@sealpost/crypto';
import { parseIsoDuration } from '@sealpost/platform';
import { AuditEnv } from '../config/audit.env';
import { AppendEventsUseCase, LogHead } from '../records/append-events.use-case';
import { SIGNING_KEY, SigningKey } from '../signing-key/signing-key.provider';
import { Checkpoint } from './checkpoint.schema';

/**
 * Signs a checkpoint every N events or every T, whichever comes first, over the head the append
 * path holds in memory (its Merkle frontier gives the root without reading the log back).
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointService.name);
  private readonly every: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running = Promise.resolve();
  private signedSeq?: number;

  constructor(
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly append: AppendEventsUseCase,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.every = config.get('SEALPOST_AUDIT_CHECKPOINT_EVERY', { infer: true });
    this.intervalMs = parseIsoDuration(config.get('SEALPOST_AUDIT_CHECKPOINT_INTERVAL', { infer: true }))!;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.append.current().then(
        (head) => this.checkpointIfBehind(head, 1),
        (err: Error) => this.logger.warn({ error: err.message }, 'log head unreadable; next checkpoint will cover it'),
      );
    }, this.intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** After each appended batch: a checkpoint once N events have come since the last one. */
  async onAppended(head: LogHead): Promise<void> {
    if (this.signedSeq === undefined || head.seq - this.signedSeq >= this.every) await this.checkpointIfBehind(head, this.every);
  }

  latest(): Promise<Checkpoint | null> {
    return this.checkpoints.findOne().sort({ seq: -1 }).lean().exec();
  }

  /** Serialised, so the timer and the event path never sign the same size twice. */
  private checkpointIfBehind(head: LogHead, minNew: number): Promise<void> {
    this.running = this.running.then(() => this.sign(head, minNew)).catch((err: Error) => this.logger.warn({ error: err.message }, 'checkpoint failed; next one will cover it'));
    return this.running;
  }

  private async sign(head: LogHead, minNew: number): Promise<void> {
    this.signedSeq ??= (await this.latest())?.seq ?? 0;
    if (head.seq === 0 || head.seq - this.signedSeq < minNew) return;
    const body = { seq: head.seq, head_hash: head.hash, merkle_root: head.frontier.root().toString('hex'), signed_at: new Date().toISOString() };
    const signature = signEd25519(this.key.privateKeyPem, checkpointSigningBytes(body));
    await this.checkpoints.create({ ...body, signature, public_key: this.key.publicKey });
    this.signedSeq = head.seq;
    this.logger.log({ seq: body.seq }, 'checkpoint signed');
  }
}
