import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EraseCommand, PurgeCommand, purgeCutoff } from '@sealpost/contracts';
import { PurgeResult, RetentionHandler } from '@sealpost/retention-client';
import { MediaRepository } from '../media/media.repository';
import { StatusEntries } from '../message-status/status-entries';
import { Message } from '../messages/message.schema';

/**
 * Ingestion's share of retention: messages (with their idempotency keys and status entries)
 * older than their business's cutoff, or addressed to an erased number, are deleted; so is
 * uploaded media older than its business's cutoff.
 */
@Injectable()
export class IngestionRetentionHandler implements RetentionHandler {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly statuses: StatusEntries,
    private readonly media: MediaRepository,
  ) {}

  async purge(command: PurgeCommand): Promise<PurgeResult> {
    const withPolicy = Object.keys(command.policies);
    let purged = 0;
    let mediaPurged = 0;
    for (const businessId of withPolicy) {
      const cutoff = purgeCutoff(command, businessId);
      purged += (await this.messages.deleteMany({ business_id: businessId, accepted_at: { $lt: cutoff } }).exec()).deletedCount;
      await this.statuses.purge(cutoff, { id: businessId });
      mediaPurged += await this.media.purge(cutoff, { id: businessId });
    }
    const defaultCutoff = new Date(Date.parse(command.issued_at) - command.default_max_age_ms);
    purged += (await this.messages.deleteMany({ business_id: { $nin: withPolicy }, accepted_at: { $lt: defaultCutoff } }).exec()).deletedCount;
    await this.statuses.purge(defaultCutoff, { except: withPolicy });
    mediaPurged += await this.media.purge(defaultCutoff, { except: withPolicy });
    return { purged, media_purged: mediaPurged };
  }

  async erase(command: EraseCommand): Promise<PurgeResult> {
    const erased = await this.messages.find({ recipient: command.recipient }, { _id: 1 }).lean().exec();
    await this.statuses.eraseOf(erased.map((m) => m._id));
    return { purged: (await this.messages.deleteMany({ recipient: command.recipient }).exec()).deletedCount };
  }
}
