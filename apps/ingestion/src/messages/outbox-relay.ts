import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from '../businesses/business.schema';
import { AcceptedPublisher } from './accepted-publisher';
import { Message } from './message.schema';

const RELAY_EVERY_MS = 2000;
/** a message younger than this is still being published by the request that stored it */
const GRACE_MS = 3000;

/**
 * The durable outbox: the store has no transactions, so a message is stored first and
 * published second; this relay republishes any stored message whose publish did not land.
 * Delivery is idempotent by message id, so a rare double publish is harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
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
      const stale = await this.messages.find({ published: false, accepted_at: { $lt: new Date(Date.now() - GRACE_MS) } }).limit(500).lean().exec();
      for (const message of stale) {
        const business = await this.businesses.findOne({ business_id: message.business_id }).lean().exec();
        if (business) await this.accepted.publish(message, business);
      }
      if (stale.length > 0) this.logger.log({ count: stale.length }, 'republished messages from the outbox');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'outbox relay pass failed; will retry');
    }
  }
}
