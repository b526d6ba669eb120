import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from '../businesses/business.schema';
import { AcceptedPublisher } from './accepted-publisher';
import { MessageRepository } from './message.repository';

const RELAY_EVERY_MS = 2000;
/** a message younger than this is still being published by the request that stored it */
const GRACE_MS = 3000;

/**
 * The durable outbox for HTTP sends: the store has no transactions, so a message is stored first
 * and published second; this relay republishes any stored message whose publish did not land.
 * Delivery is idempotent by message id, so a rare double publish is harmless. (Kafka submits need
 * no outbox: their batch is redelivered until its publish succeeded.)
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly messages: MessageRepository,
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly accepted: AcceptedPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.relay().finally(() => this.timer && this.schedule()), RELAY_EVERY_MS);
  }

  private async relay(): Promise<void> {
    try {
      const stale = await this.messages.unpublishedBefore(new Date(Date.now() - GRACE_MS), 500);
      for (const message of stale) {
        const business = await this.businesses.findOne({ business_id: message.business_id }).lean().exec();
        if (!business) continue;
        await this.accepted.publish([{ message, business }]);
        await this.messages.markPublished([message._id]);
      }
      if (stale.length > 0) this.logger.log({ count: stale.length }, 'republished messages from the outbox');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'outbox relay pass failed; will retry');
    }
  }
}
