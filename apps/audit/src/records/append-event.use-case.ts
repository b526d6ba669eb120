import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { chainHash, GENESIS_HASH } from '@sealpost/audit-chain';
import type { EventEnvelope } from '@sealpost/contracts';
import { AuditRecord } from './audit-record.schema';

/**
 * Appends an event to the chain. Events arrive in order from one partition; the unique
 * event_id makes redelivery harmless and the unique seq makes a concurrent writer fail
 * instead of forking the chain.
 */
@Injectable()
export class AppendEventUseCase {
  private head?: { seq: number; hash: string };

  constructor(@InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>) {}

  /** Resolves with the record, or undefined when the event was already in the log. */
  async execute(event: EventEnvelope): Promise<AuditRecord | undefined> {
    const head = this.head ?? (await this.loadHead());
    const record: AuditRecord = {
      _id: event.eventId,
      seq: head.seq + 1,
      event_id: event.eventId,
      prev_hash: head.hash,
      hash: chainHash(head.hash, event),
      event,
      recorded_at: new Date(),
    };
    try {
      await this.records.create(record);
    } catch (err) {
      // a redelivered event collides on its _id (nothing to do); anything else, another writer
      // included, means the head must be reloaded before the retry
      if ((err as { code?: number }).code === 11000 && (await this.records.exists({ _id: event.eventId }).exec())) return undefined;
      this.head = undefined;
      throw err;
    }
    this.head = { seq: record.seq, hash: record.hash };
    return record;
  }

  private async loadHead(): Promise<{ seq: number; hash: string }> {
    const last = await this.records.findOne().sort({ seq: -1 }).lean().exec();
    this.head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    return this.head;
  }
}
