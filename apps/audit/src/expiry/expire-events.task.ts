import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { parseIsoDuration } from '@sealpost/platform';
import { AuditEnv } from '../config/audit.env';
import { AuditRecord } from '../records/audit-record.schema';

const CHECK_EVERY_MS = 60_000;
/** events expired per pass at most; the next pass goes on */
const MAX_PER_PASS = 1000;

/**
 * The audit log's own retention (default one year): the oldest events lose their content
 * but keep seq and hashes, so the chain, the checkpoints and the Merkle tree still verify.
 * Each expiry is itself an audit event.
 */
@Injectable()
export class ExpireEventsTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpireEventsTask.name);
  private readonly retentionMs: number;
  private timer?: NodeJS.Timeout;
  /** seq of the oldest event that still holds its content */
  private firstLive?: number;
  private running = false;

  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    private readonly audit: AuditTrail,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.retentionMs = parseIsoDuration(config.get('SEALPOST_AUDIT_RETENTION', { infer: true }))!;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pass(), Math.min(CHECK_EVERY_MS, this.retentionMs));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass at a time: a long one (a large backlog) must not overlap the next and expire a run twice. */
  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // a full pass means more is due: go on at once rather than an interval later
      let expired: number;
      do expired = await this.expire();
      while (expired === MAX_PER_PASS && this.timer);
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'audit expiry failed; next run retries');
    } finally {
      this.running = false;
    }
  }

  /**
   * Expires, oldest first, the run of live events recorded before the cutoff: walked by `seq`
   * from the oldest live event (equality reads, answered from an index) instead of reading the
   * whole log each pass. Only a prefix may expire, so the chain never has a hole among live events.
   */
  async expire(): Promise<number> {
    const cutoff = new Date(Date.now() - this.retentionMs);
    this.firstLive ??= await this.oldestLiveSeq();
    const prefix: number[] = [];
    for (let seq = this.firstLive; prefix.length < MAX_PER_PASS; seq++) {
      const record = await this.records.findOne({ seq }, { seq: 1, recorded_at: 1 }).lean().exec();
      if (!record || record.recorded_at >= cutoff) break;
      prefix.push(seq);
    }
    if (prefix.length === 0) return 0;
    for (const slice of chunks(prefix)) {
      await boundedBulkWrite(this.records, slice.map((seq) => ({ updateOne: { filter: { seq }, update: { $unset: { event: 1 }, $set: { expired: true } } } })));
    }
    const through = prefix[prefix.length - 1]!;
    this.firstLive = through + 1;
    await this.audit.record('audit.expired', { actor: 'service:audit', action: 'expire-audit-events', target: `seq:${prefix[0]}-${through}`, outcome: 'success', detail: { count: prefix.length, through_seq: through } });
    this.logger.log({ count: prefix.length, through }, 'expired audit events past retention');
    return prefix.length;
  }

  /** Once per process: the one read of the whole log, where the walk starts. */
  private async oldestLiveSeq(): Promise<number> {
    const first = await this.records.findOne({ expired: { $ne: true } }, { seq: 1 }).sort({ seq: 1 }).lean().exec();
    return first?.seq ?? 1;
  }
}
