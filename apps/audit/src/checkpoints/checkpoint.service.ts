import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { checkpointSigningBytes, readCheckpointFile, signedByPinnedKey, SignedCheckpoint, writeCheckpointFile } from '@sealpost/audit-chain';
import { signEd25519 } from '@sealpost/crypto';
import { parseIsoDuration } from '@sealpost/platform';
import { join } from 'node:path';
import { AuditEnv } from '../config/audit.env';
import { LogIntegrity } from '../integrity/log-integrity';
import { AppendEventsUseCase, LogHead } from '../records/append-events.use-case';
import { SIGNING_KEY, SigningKey } from '../signing-key/signing-key.provider';
import { VERIFYING_KEY } from '../signing-key/verifying-key.provider';
import { Checkpoint } from './checkpoint.schema';
import { ExtensionGuard } from './extension-guard';

/** the signer's own memory of its last checkpoint, in the data folder beside the signing key */
export const LAST_SIGNED_FILE = 'audit-last-checkpoint.json';

/**
 * Signs a checkpoint every N events or every T, whichever comes first, over the head the append
 * path holds in memory (its Merkle frontier gives the root without reading the log back), and
 * only over a head that extends the checkpoint it signed last (see ExtensionGuard): a store
 * rewritten underneath makes it refuse, loudly, instead of signing the forgery.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointService.name);
  private readonly every: number;
  private readonly intervalMs: number;
  private readonly lastSignedFile: string;
  private timer?: NodeJS.Timeout;
  private running = Promise.resolve();
  /** what this service signed last; undefined until read at the first signing */
  private last?: { checkpoint?: SignedCheckpoint };

  constructor(
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(VERIFYING_KEY) private readonly pinnedKey: string,
    private readonly append: AppendEventsUseCase,
    private readonly guard: ExtensionGuard,
    private readonly integrity: LogIntegrity,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.every = config.get('SEALPOST_AUDIT_CHECKPOINT_EVERY', { infer: true });
    this.intervalMs = parseIsoDuration(config.get('SEALPOST_AUDIT_CHECKPOINT_INTERVAL', { infer: true }))!;
    this.lastSignedFile = join(config.get('SEALPOST_DATA_DIR', { infer: true }), LAST_SIGNED_FILE);
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
    const signedSeq = this.last?.checkpoint?.seq;
    if (this.last === undefined || head.seq - (signedSeq ?? 0) >= this.every) await this.checkpointIfBehind(head, this.every);
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
    if (this.integrity.refusal) return;
    const firstTime = this.last === undefined;
    this.last ??= { checkpoint: await this.lastSigned() };
    const last = this.last.checkpoint;
    const due = head.seq > 0 && head.seq - (last?.seq ?? 0) >= minNew;
    // with nothing new, only the first time (a head read from a rewritten store is caught at start) and on the
    // timer's pass (minNew 1): checkpoints deleted while no event comes in are caught within an interval
    if (!due && !firstTime && minNew > 1) return;
    const problem = await this.guard.problem(last, head);
    if (problem) return this.integrity.tamperDetected(problem, last?.seq ?? 0, head.seq);
    if (!due) return;
    const body = { seq: head.seq, head_hash: head.hash, merkle_root: head.frontier.root().toString('hex'), signed_at: new Date().toISOString() };
    const checkpoint = { ...body, signature: signEd25519(this.key.privateKeyPem, checkpointSigningBytes(body)), public_key: this.key.publicKey };
    await this.checkpoints.create(checkpoint);
    this.last = { checkpoint };
    this.remember(checkpoint);
    this.logger.log({ seq: body.seq }, 'checkpoint signed');
  }

  /**
   * The newer of the signer's own file and the store's latest checkpoint that the pinned key
   * verifies: the store may have lost the newest (the guard then refuses), never gained one.
   */
  private async lastSigned(): Promise<SignedCheckpoint | undefined> {
    const remembered = readCheckpointFile(this.lastSignedFile, 'restore it from a backup, or remove it to trust the store\'s latest checkpoint signed by the pinned key');
    const stored = await this.latest();
    const trusted = stored && signedByPinnedKey(stored, this.pinnedKey) ? stored : undefined;
    if (stored && !trusted) this.logger.warn({ seq: stored.seq }, 'the latest stored checkpoint is not signed by the pinned key; /admin/audit/verify reports it');
    if (!remembered || (trusted && trusted.seq > remembered.seq)) return trusted;
    return remembered;
  }

  private remember(checkpoint: SignedCheckpoint): void {
    try {
      writeCheckpointFile(this.lastSignedFile, checkpoint);
    } catch (err) {
      this.logger.error({ error: (err as Error).message }, `could not write ${LAST_SIGNED_FILE} in SEALPOST_DATA_DIR: after a restart the signer falls back on the store's latest checkpoint; make the folder writable`);
    }
  }
}
