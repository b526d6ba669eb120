import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { withTimeout } from '@sealpost/kafka';
import { MessageRecord } from '../../messages/message-record.schema';
import { AnnouncementBatch } from '../announcement-batch.schema';
import { errorSummary } from '../../dispatch/error-summary';
import { PollLoop } from '../../dispatch/poll-loop';
import { StatusAnnouncer } from '../status-announcer';
import { ReportedStatus } from '../status-steps';

const INTERVAL_MS = 5000;
/** a live announcement normally takes milliseconds; past this its process is presumed dead */
const GRACE_MS = 30000;
/** an interrupted recovery is simply redone by the next process */
const STOP_BOUND_MS = 2000;
const ORDER: readonly ReportedStatus[] = ['sent', 'delivered', 'read', 'failed'];

/**
 * Finishes announcements a killed process left half done: a status change is stored before
 * it is announced, and `announce_due_at` (one message) or an announcement batch (the batch
 * path) stays until the announcement completes.
 */
@Injectable()
export class RecoverAnnouncementsTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverAnnouncementsTask.name);
  private stopping = false;
  private readonly loop = new PollLoop(() => this.run(), INTERVAL_MS, (err) => this.logger.warn(errorSummary(err), 'announcement recovery failed; will retry'));

  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(AnnouncementBatch.name) private readonly batches: Model<AnnouncementBatch>,
    private readonly announcer: StatusAnnouncer,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await withTimeout(this.loop.stop(), STOP_BOUND_MS, 'announcement recovery').catch(() => undefined);
  }

  async run(): Promise<void> {
    const cutoff = new Date(Date.now() - GRACE_MS);
    const stale = await this.messages.find({ announce_pending: true, announce_due_at: { $lt: cutoff } }).limit(100).lean().exec();
    for (const message of stale) {
      if (this.stopping) return;
      await this.announceAgain(message);
      await this.messages.updateOne({ message_id: message.message_id, announce_due_at: message.announce_due_at }, { $set: { announce_due_at: null, announce_pending: false } }).exec();
      this.logger.log({ message_id: message.message_id }, 'recovered an interrupted status announcement');
    }
    // the batch path's markers: the collection holds only batches in flight, so this read is small
    for (const batch of await this.batches.find({ created_at: { $lt: cutoff } }).limit(20).lean().exec()) {
      for (const id of batch.message_ids) {
        if (this.stopping) return;
        const message = await this.messages.findOne({ message_id: id }).lean().exec();
        if (message) await this.announceAgain(message);
      }
      await this.batches.deleteOne({ _id: batch._id }).exec();
      this.logger.log({ messages: batch.message_ids.length }, 'recovered an interrupted batch of status announcements');
    }
  }

  /** Every status the message reached; the announcer skips those whose webhook entry exists. */
  private async announceAgain(message: MessageRecord): Promise<void> {
    for (const status of ORDER) {
      const at = message[`${status}_at`];
      if (at) await this.announcer.announce(message, status, at, status === 'failed' ? message.status_errors : undefined);
    }
  }
}
