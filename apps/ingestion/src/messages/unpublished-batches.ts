import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { UnpublishedBatch } from './unpublished-batch.schema';

/** One turn of a paced business: messages published together once `dueAt` has come. */
export interface PacedTurn {
  businessId: string;
  messageIds: string[];
  dueAt: Date;
}

/**
 * The outbox of stored messages not yet published, a batch per document: one insert before an
 * HTTP batch's messages are stored (or per turn of a paced Kafka submit) and one delete by `_id`
 * once they are published, instead of a flag update per message.
 */
@Injectable()
export class UnpublishedBatches {
  constructor(@InjectModel(UnpublishedBatch.name) private readonly batches: Model<UnpublishedBatch>) {}

  /** Resolves with the batch's id, to `close` once its messages are published. */
  async open(messageIds: readonly string[]): Promise<string> {
    const _id = randomUUID();
    await this.batches.create({ _id, message_ids: [...messageIds], created_at: new Date() });
    return _id;
  }

  /** Paced turns, in one insert: the relay publishes each when it is due. */
  async defer(turns: readonly PacedTurn[]): Promise<void> {
    if (turns.length === 0) return;
    const created_at = new Date();
    await this.batches.insertMany(turns.map((t) => ({ _id: randomUUID(), message_ids: t.messageIds, business_id: t.businessId, due_at: t.dueAt, created_at })), { ordered: false });
  }

  async close(batchId: string): Promise<void> {
    await this.batches.deleteOne({ _id: batchId }).exec();
  }

  /** The businesses with paced turns still to publish (by any instance): their next sends queue behind them. */
  async pacedBusinesses(): Promise<Set<string>> {
    const paced = await this.batches.find({ due_at: { $exists: true } }, { business_id: 1 }).lean().exec();
    return new Set(paced.map((b) => b.business_id!));
  }

  /**
   * What the relay publishes now, earliest first (a business's turns in order): paced turns that
   * are due, and HTTP batches opened before `cutoff` (their publish failed, or their process died).
   * The collection holds only work in flight, so reading it whole is cheap.
   */
  async due(now: Date, cutoff: Date, limit: number): Promise<UnpublishedBatch[]> {
    const all = await this.batches.find({}).lean().exec();
    const at = (b: UnpublishedBatch) => (b.due_at ?? b.created_at).getTime();
    return all.filter((b) => (b.due_at ? b.due_at <= now : b.created_at < cutoff)).sort((a, b) => at(a) - at(b)).slice(0, limit);
  }
}
