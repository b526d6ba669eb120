import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataKeyDestroyedError } from '@sealpost/keys-client';
import { BusinessDirectory } from '../businesses/business-directory';
import { DeliveryTiming } from '../config/delivery-timing';
import { classifyAttempt } from '../dispatch/attempt-outcome';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { errorSummary } from '../dispatch/error-summary';
import { GracefulStop } from '../dispatch/graceful-stop';
import { OutboundPost } from '../dispatch/outbound-post';
import { storeOutcome } from '../dispatch/store-outcome';
import { signedWebhook, statusWebhookBody, WebhookStatus } from './webhook-body';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSchedule } from './webhook-schedule';

const POSTS_IN_FLIGHT = 16;

/** Up to 100 statuses of one business, stored `sending` under this POST's lease token. */
export interface DirectWebhookPost {
  businessId: string;
  token: string;
  leaseUntil: Date;
  statuses: WebhookStatus[];
}

/**
 * Posts a batch's status webhooks as soon as the batch is announced, without the poller's
 * claims: the entries were stored leased. One POST at a time per business, in order; an
 * acknowledged POST's entries leave the outbox with one delete. A failed POST, or one queued
 * behind it, goes to the poller under the business's backoff, as does anything left at shutdown.
 */
@Injectable()
export class DirectWebhooks implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(DirectWebhooks.name);
  /** per business: whether its last queued POST was acknowledged */
  private readonly queues = new Map<string, Promise<boolean>>();
  private readonly inFlight = new Set<Promise<boolean>>();
  private readonly stop = new GracefulStop('direct webhooks', this.logger);

  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly businesses: BusinessDirectory,
    private readonly schedule: WebhookSchedule,
    private readonly timing: DeliveryTiming,
    private readonly signals: DispatchSignals,
    private readonly outbound: OutboundPost,
  ) {}

  get accepting(): boolean {
    return !this.stop.stopping;
  }

  /** Queues the POSTs; waits only while POSTS_IN_FLIGHT are under way. */
  async start(posts: readonly DirectWebhookPost[]): Promise<void> {
    for (const post of posts) {
      while (this.inFlight.size >= POSTS_IN_FLIGHT) await Promise.race(this.inFlight);
      const before = this.queues.get(post.businessId) ?? Promise.resolve(true);
      const acknowledged = before.then((previousAcknowledged) => this.send(post, previousAcknowledged));
      this.queues.set(post.businessId, acknowledged);
      this.inFlight.add(acknowledged);
      void acknowledged.finally(() => {
        this.inFlight.delete(acknowledged);
        if (this.queues.get(post.businessId) === acknowledged) this.queues.delete(post.businessId);
      });
    }
  }

  /** Before any shutdown hook, beside the pollers' own wait (see GracefulStop). */
  beforeApplicationShutdown(): void {
    this.stop.begin(Promise.all(this.inFlight));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop.finished();
  }

  /** Never rejects: whatever goes wrong leaves the entries to the poller (now, or once their lease lapses). */
  private async send(post: DirectWebhookPost, previousAcknowledged: boolean): Promise<boolean> {
    try {
      if (!previousAcknowledged || !this.postableNow(post)) {
        await this.handBack(post);
        return false;
      }
      const business = await this.businesses.find(post.businessId);
      const secret = business && (await this.businesses.appSecret(business));
      // again after the lookups, which may take seconds under load: a POST still under way when its lease
      // lapses could reach the business after the poller sent these statuses and later ones
      if (!business || !secret || !this.postableNow(post)) {
        secret?.fill(0);
        await this.handBack(post);
        return false;
      }
      const { raw, signature } = signedWebhook(secret, statusWebhookBody(post.businessId, business.phone_number_id, post.statuses));
      secret.fill(0);
      const result = await this.outbound.post(business.webhook_url, raw, this.timing.webhookTimeoutMs, { 'x-hub-signature-256': signature });
      if (classifyAttempt(result) !== 'success') {
        this.logger.warn({ business_id: post.businessId, statuses: post.statuses.length, reason: result.kind === 'answered' ? `HTTP ${result.status}` : result.reason }, 'status webhook not delivered; retrying later');
        await this.schedule.failedWhileSending(post.businessId, post.token);
        this.signals.notify('webhook');
        return false;
      }
      // the business has these statuses now: never send them again, even across a store outage
      await storeOutcome(() => this.outbox.deleteAcknowledged(post.token), this.logger, 'status webhook delivery');
      return true;
    } catch (err) {
      // a destroyed app secret, a store or keys outage: the poller knows how to deal with each
      if (!(err instanceof DataKeyDestroyedError)) this.logger.warn(errorSummary(err), 'direct status webhook not sent; the poller takes it');
      await this.handBack(post).catch(() => undefined);
      return false;
    }
  }

  /** Whether the POST ends, timed out at worst, with room left on its lease to store the outcome. */
  private postableNow(post: DirectWebhookPost): boolean {
    return !this.stop.stopping && post.leaseUntil.getTime() - Date.now() >= this.timing.directWebhookPostMarginMs;
  }

  private async handBack(post: DirectWebhookPost): Promise<void> {
    await this.outbox.release(post.token);
    this.signals.notify('webhook');
  }
}
