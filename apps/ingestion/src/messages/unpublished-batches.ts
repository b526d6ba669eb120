import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { UnpublishedBatch } from './unpublished-batch.schema';

/**
 * The outbox of HTTP sends, a batch per document: one insert before the batch's messages are
 * stored and one delete by `_id` once they are published, instead of a flag update per message.
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

  async close(batchId: string): Promise<void> {
    await this.batches.deleteOne({ _id: batchId }).exec();
  }

  /** Batches opened before `cutoff` and still open: their publish failed, or their process died. */
  openedBefore(cutoff: Date, limit: number): Promise<UnpublishedBatch[]> {
    return this.batches.find({ created_at: { $lt: cutoff } }).limit(limit).lean().exec();
  }
}
