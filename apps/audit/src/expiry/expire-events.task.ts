import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { parseIsoDuration } from '@sealpost/platform';
import { AuditEnv } from '../config/audit.env';
import { AuditRecord } from '../records/audit-record.schema';

const CHECK_EVERY_MS = 60_000;

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

  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    private readonly audit: AuditTrail,
    config: ConfigService<AuditEnv, true>,
  ) {
    this.retentionMs = parseIsoDuration(config.get('SEALPOST_AUDIT_RETENTION', { infer: true }))!;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.expire().catch((err: Error) => this.logger.warn({ error: err.message }, 'audit expiry failed; next run retries')), Math.min(CHECK_EVERY_MS, this.retentionMs));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Expires, oldest first, the run of live events recorded before the cutoff. */
  async expire(): Promise<number> {
    const cutoff = new Date(Date.now() - this.retentionMs);
    const due = await this.records.find({ expired: { $ne: true }, recorded_at: { $lt: cutoff } }, { seq: 1 }).sort({ seq: 1 }).lean().exec();
    const firstLive = await this.records.findOne({ expired: { $ne: true } }, { seq: 1 }).sort({ seq: 1 }).lean().exec();
    // only a prefix may expire: stop at the first gap so the chain never has a hole among live events
    const prefix: number[] = [];
    for (const [i, record] of due.entries()) {
      if (record.seq !== (firstLive?.seq ?? 0) + i) break;
      prefix.push(record.seq);
    }
    if (prefix.length === 0) return 0;
    await this.records.updateMany({ seq: { $in: prefix } }, { $unset: { event: 1 }, $set: { expired: true } }).exec();
    const through = prefix[prefix.length - 1];
    await this.audit.record('audit.expired', { actor: 'service:audit', action: 'expire-audit-events', target: `seq:${prefix[0]}-${through}`, outcome: 'success', detail: { count: prefix.length, through_seq: through } });
    this.logger.log({ count: prefix.length, through }, 'expired audit events past retention');
    return prefix.length;
  }
}
