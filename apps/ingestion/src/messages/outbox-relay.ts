import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from '../businesses/business.schema';
import { AcceptedPublisher } from './accepted-publisher';
import { MessageRepository } from './message.repository';
import { UnpublishedBatches } from './unpublished-batches';

/** also the grain of pacing: a paced business's turns go out within this of their time */
const RELAY_EVERY_MS = 500;
/** a batch younger than this is still being published by the requests that stored it */
const GRACE_MS = 3000;

/**
 * The durable outbox: the store has no transactions, so a batch of HTTP sends is noted as
 * unpublished first, stored second and published third; this relay publishes the stored
 * messages of any batch whose publish did not land, and the paced turns of Kafka submits when
 * they are due. Delivery is idempotent by message id, so a rare double publish is harmless.
 * (Other Kafka submits need no outbox: their batch is redelivered until its publish succeeded.)
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly messages: MessageRepository,
    private readonly unpublished: UnpublishedBatches,
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
      const now = Date.now();
      const due = await this.unpublished.due(new Date(now), new Date(now - GRACE_MS), 20);
      for (const batch of due) {
        // a message missing was a repeat of one stored earlier (published with its own batch), or is purged
        const messages = await this.messages.byIds(batch.message_ids);
        // a group's sends share their business, mostly: one lookup per business, one produce per batch
        const businesses = new Map<string, Business | null>();
        for (const { business_id } of messages) if (!businesses.has(business_id)) businesses.set(business_id, await this.businesses.findOne({ business_id }).lean<Business>().exec());
        await this.accepted.publish(messages.flatMap((message) => (businesses.get(message.business_id) ? [{ message, business: businesses.get(message.business_id)! }] : [])));
        await this.unpublished.close(batch._id);
        if (!batch.due_at) this.logger.log({ count: messages.length }, 'republished messages from the outbox');
      }
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'outbox relay pass failed; will retry');
    }
  }
}
