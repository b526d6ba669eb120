import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { DataKeyDestroyedError } from '@sealpost/keys-client';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeliveryTiming } from '../../config/delivery-timing';
import { classifyAttempt } from '../../dispatch/attempt-outcome';
import type { Tenure } from '../../dispatch/dispatch-ownership';
import { drainDue } from '../../dispatch/lease';
import { OutboundPost } from '../../dispatch/outbound-post';
import { RELEASED } from '../../dispatch/released';
import { storeOutcome } from '../../dispatch/store-outcome';
import { signedWebhook } from '../../webhooks/webhook-body';
import { WebhookSchedule } from '../../webhooks/webhook-schedule';
import { InboundMessage, InboundState } from '../inbound-message.schema';
import { InboundReader } from './inbound-reader';
import { inboundWebhookBody, InboundWebhookMessage } from './inbound-webhook-body';

/**
 * Sends one business the inbound messages owed to it, one signed POST each, strictly in the
 * order they arrived (so each customer's in order), until none is due or its endpoint fails:
 * then it backs off with the business's statuses and nothing later overtakes the failed one.
 * Acknowledged means never again: the message's sealed content is cleared at once.
 */
@Injectable()
export class SendInboundWebhooksUseCase {
  private readonly logger = new Logger(SendInboundWebhooksUseCase.name);

  constructor(
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    private readonly businesses: BusinessDirectory,
    private readonly reader: InboundReader,
    private readonly schedule: WebhookSchedule,
    private readonly timing: DeliveryTiming,
    private readonly outbound: OutboundPost,
    private readonly audit: AuditTrail,
  ) {}

  drain(businessId: string, tenure: Tenure): Promise<void> {
    const lease = { perPost: 1, leaseMs: this.timing.webhookLeaseMs, tenure };
    return drainDue(this.inbound, 'inbound_id', { business_id: businessId }, lease, ([entry], token) => this.send(entry!, token), true);
  }

  /** True when the message is settled for good (acknowledged or dropped); false to stop draining. */
  private async send(entry: InboundMessage, token: string): Promise<boolean> {
    const business = await this.businesses.find(entry.business_id);
    if (!business) return this.settle(entry, token, 'dropped', 'business routing unknown');
    let message: InboundWebhookMessage | undefined;
    let secret: Buffer;
    try {
      message = await this.reader.read(entry);
      if (!message) return this.settle(entry, token, 'dropped', 'keys destroyed');
      secret = await this.businesses.appSecret(business);
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return this.settle(entry, token, 'dropped', 'app secret destroyed');
      return this.retryLater(entry, token, 'keys unavailable');
    }
    const { raw, signature } = signedWebhook(secret, inboundWebhookBody(entry.business_id, business.phone_number_id, message));
    secret.fill(0);
    const result = await this.outbound.post(business.webhook_url, raw, this.timing.webhookTimeoutMs, { 'x-hub-signature-256': signature });
    if (classifyAttempt(result) !== 'success') return this.retryLater(entry, token, result.kind === 'answered' ? `HTTP ${result.status}` : result.reason);
    // the business has it now: never send it again, even across a store outage
    await storeOutcome(() => this.store(entry, token, 'acknowledged'), this.logger, 'inbound webhook delivery');
    await this.auditFate(entry, 'acknowledged');
    await this.schedule.succeeded(entry.business_id);
    return true;
  }

  /** The business's endpoint backs off; this message waits with everything after it. */
  private async retryLater(entry: InboundMessage, token: string, reason: string): Promise<false> {
    this.logger.warn({ business_id: entry.business_id, message_id: entry.message_id, reason }, 'inbound webhook not delivered; retrying later');
    const retryAt = await this.schedule.backOff(entry.business_id);
    if (entry.give_up_at.getTime() < retryAt.getTime()) {
      await this.settle(entry, token, 'dropped', 'retry window ended');
      return false;
    }
    await this.inbound.updateOne({ _id: entry.inbound_id, lease_token: token }, { $set: { attempts: entry.attempts + 1, next_attempt_at: retryAt, ...RELEASED } }).exec();
    return false;
  }

  /** Settled for good: the content goes, and the message's fate is audited. */
  private async settle(entry: InboundMessage, token: string, state: Exclude<InboundState, 'pending'>, reason?: string): Promise<true> {
    await this.store(entry, token, state);
    await this.auditFate(entry, state, reason);
    return true;
  }

  private async store(entry: InboundMessage, token: string, state: Exclude<InboundState, 'pending'>): Promise<void> {
    await this.inbound.updateOne({ _id: entry.inbound_id, lease_token: token }, { $set: { state, stored: null, ...RELEASED } }).exec();
  }

  /** `inbound.delivered` or `inbound.failed` (CONTRACT §9), by message id and the customer's pseudonym: no content, no number. */
  private async auditFate(entry: InboundMessage, state: Exclude<InboundState, 'pending'>, reason?: string): Promise<void> {
    const delivered = state === 'acknowledged';
    await this.audit.record(
      delivered ? 'inbound.delivered' : 'inbound.failed',
      {
        actor: 'service:delivery',
        action: 'send-inbound-webhook',
        target: entry.message_id,
        outcome: delivered ? 'success' : 'failure',
        detail: { recipient: entry.recipient, attempts: entry.attempts + 1, ...(reason !== undefined && { reason }) },
      },
      { businessId: entry.business_id, correlationId: entry.message_id },
    );
  }
}
