import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { chunks, insertNew, WithId } from '@sealpost/persistence';
import { StatusEntry } from './status-entry.schema';

/** A status event from delivery, as the status view keeps it. */
export type StatusStep = Pick<StatusEntry, 'message_id' | 'business_id' | 'status' | 'timestamp' | 'errors'>;

/**
 * The status view's entries: appended a batch at a time with one insert (a repeat is already
 * there and changes nothing), read by message id; retention and erasure delete them with their messages.
 */
@Injectable()
export class StatusEntries {
  constructor(@InjectModel(StatusEntry.name) private readonly entries: Model<StatusEntry>) {}

  async append(steps: readonly StatusStep[]): Promise<void> {
    const recordedAt = new Date();
    const docs: WithId<StatusEntry>[] = steps.map(({ message_id, business_id, status, timestamp, errors }) => ({
      _id: `${message_id}:${status}`,
      message_id,
      business_id,
      status,
      timestamp,
      ...(errors && { errors }),
      recorded_at: recordedAt,
    }));
    await insertNew(this.entries, docs);
  }

  of(messageId: string): Promise<StatusEntry[]> {
    return this.entries.find({ message_id: messageId }).lean().exec();
  }

  /** The entries of a business (all businesses but `except`, without one) recorded before `cutoff`. */
  async purge(cutoff: Date, business: { id: string } | { except: string[] }): Promise<void> {
    const owner = 'id' in business ? business.id : { $nin: business.except };
    await this.entries.deleteMany({ business_id: owner, recorded_at: { $lt: cutoff } }).exec();
  }

  async eraseOf(messageIds: readonly string[]): Promise<void> {
    for (const slice of chunks(messageIds)) await Promise.all(slice.map((id) => this.entries.deleteMany({ message_id: id }).exec()));
  }
}
