import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from '../businesses/business.schema';
import { InboundMessage } from '../inbound/inbound-message.schema';
import { DeliveryTiming } from '../config/delivery-timing';
import { backoffDelay } from '../dispatch/backoff';
import { RELEASED } from '../dispatch/released';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookOutboxEntry } from './webhook-outbox.schema';

/**
 * One retry schedule per business endpoint. All its pending statuses (and inbound messages) share it, so a status
 * created while the endpoint is failing waits with the older ones, and when the endpoint is
 * back they go out together, in rank order: `sent` is never overtaken by `delivered`.
 */
@Injectable()
export class WebhookSchedule {
  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    private readonly timing: DeliveryTiming,
    private readonly outboxEntries: WebhookOutbox,
  ) {}

  /** When a new status for this business may first be sent. */
  async firstAttemptAt(businessId: string): Promise<Date> {
    const business = await this.businesses.findOne({ business_id: businessId }, { webhook_retry_at: 1 }).lean().exec();
    return new Date(Math.max(Date.now(), business?.webhook_retry_at?.getTime() ?? 0));
  }

  /** Until when the business's failing endpoint waits; undefined once it may be tried now. */
  async backingOffUntil(businessId: string): Promise<Date | undefined> {
    const at = await this.firstAttemptAt(businessId);
    return at.getTime() > Date.now() ? at : undefined;
  }

  /**
   * The endpoint took the POST: if it had been failing, its schedule resets and everything still
   * waiting is due now (a healthy endpoint's success writes nothing).
   */
  async succeeded(businessId: string): Promise<void> {
    await this.restarted(businessId);
  }

  /** The business's endpoint changed (or answered again): a failing schedule starts afresh, everything waiting is due now. */
  async restarted(businessId: string): Promise<void> {
    const now = new Date();
    const recovered = await this.businesses.updateOne({ business_id: businessId, webhook_failures: { $gt: 0 } }, { $set: { webhook_failures: 0, webhook_retry_at: new Date(0) } }).exec();
    if (recovered.matchedCount === 0) return;
    await this.outbox.updateMany({ business_id: businessId, state: 'pending', next_attempt_at: { $gt: now } }, { $set: { next_attempt_at: now } }).exec();
    await this.inbound.updateMany({ business_id: businessId, state: 'pending', next_attempt_at: { $gt: now } }, { $set: { next_attempt_at: now } }).exec();
  }

  /** A POST sent straight from its batch failed: the business backs off and the POST's entries wait with it, for the poller. */
  async failedWhileSending(businessId: string, token: string): Promise<void> {
    const retryAt = await this.backOff(businessId);
    await this.outboxEntries.release(token, retryAt, 1);
  }

  /**
   * The endpoint failed: the business backs off (exponentially, with jitter) and its claimed
   * entries, and any others pending, wait until then. Returns the entries whose retry window
   * ends before that time: the caller drops them.
   */
  async failed(businessId: string, claimed: WebhookOutboxEntry[], token: string): Promise<WebhookOutboxEntry[]> {
    const retryAt = await this.backOff(businessId);
    const expired = claimed.filter((e) => e.give_up_at.getTime() < retryAt.getTime());
    for (const entry of claimed.filter((e) => !expired.includes(e))) {
      await this.outbox.updateOne({ entry_id: entry.entry_id, lease_token: token }, { $set: { attempts: entry.attempts + 1, next_attempt_at: retryAt, ...RELEASED } }).exec();
    }
    return expired;
  }

  /**
   * One more failure of the business's endpoint: everything of it pending (statuses and inbound
   * messages alike: one endpoint, one schedule) waits until the time this resolves with.
   */
  async backOff(businessId: string): Promise<Date> {
    // one worker per business at a time, so a plain increment then read is enough
    await this.businesses.updateOne({ business_id: businessId }, { $inc: { webhook_failures: 1 } }).exec();
    const business = await this.businesses.findOne({ business_id: businessId }, { webhook_failures: 1 }).lean().exec();
    const retryAt = new Date(Date.now() + backoffDelay(business?.webhook_failures ?? 1, this.timing.retry));
    await this.businesses.updateOne({ business_id: businessId }, { $set: { webhook_retry_at: retryAt } }).exec();
    const waiting = { business_id: businessId, state: 'pending', next_attempt_at: { $lt: retryAt }, lease_until: { $lt: new Date() } } as const;
    await this.outbox.updateMany(waiting, { $set: { next_attempt_at: retryAt } }).exec();
    await this.inbound.updateMany(waiting, { $set: { next_attempt_at: retryAt } }).exec();
    return retryAt;
  }
}
