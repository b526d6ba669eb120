import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { STATUS_RANK } from '@sealpost/contracts';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { AuditTrail } from '@sealpost/kafka';
import { DataKeyDestroyedError } from '@sealpost/keys-client';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeliveryTiming } from '../../config/delivery-timing';
import { AttemptResult, classifyAttempt } from '../../dispatch/attempt-outcome';
import type { Tenure } from '../../dispatch/dispatch-ownership';
import { drainDue } from '../../dispatch/lease';
import { RELEASED } from '../../dispatch/released';
import { storeOutcome } from '../../dispatch/store-outcome';
import { OutboundPost } from '../../dispatch/outbound-post';
import { MessageRecord } from '../../messages/message-record.schema';
import { StatusRecipient } from '../status-recipient';
import { MAX_STATUSES_PER_POST, signedWebhook, statusWebhookBody, WebhookStatus } from '../webhook-body';
import { WebhookOutbox } from '../webhook-outbox';
import { OutboxState, WebhookOutboxEntry } from '../webhook-outbox.schema';
import { WebhookSchedule } from '../webhook-schedule';
import { EarlierStatuses } from './earlier-statuses';

type Message = Pick<MessageRecord, 'message_id' | 'business_id' | 'recipient_key_id' | 'sealed' | 'webhook_acked_rank'>;

/**
 * Sends one business its owed statuses, up to 100 per signed POST, until none is due or its
 * endpoint fails. A status below one the business already acknowledged is never sent.
 */
@Injectable()
export class SendWebhooksUseCase {
  private readonly logger = new Logger(SendWebhooksUseCase.name);

  constructor(
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    private readonly businesses: BusinessDirectory,
    private readonly recipients: StatusRecipient,
    private readonly schedule: WebhookSchedule,
    private readonly timing: DeliveryTiming,
    private readonly audit: AuditTrail,
    private readonly entries: WebhookOutbox,
    private readonly earlier: EarlierStatuses,
    private readonly outbound: OutboundPost,
  ) {}

  drain(businessId: string, tenure: Tenure): Promise<void> {
    const lease = { perPost: MAX_STATUSES_PER_POST, leaseMs: this.timing.webhookLeaseMs, tenure };
    return drainDue(this.outbox, 'entry_id', { business_id: businessId }, lease, (items, token) => this.sendBatch(businessId, items, token));
  }

  /** True when the batch is settled for good (sent, superseded or dropped); false to stop draining. */
  private async sendBatch(businessId: string, claimed: WebhookOutboxEntry[], token: string): Promise<boolean> {
    const entries = await this.withEarlierStatuses(claimed, token);
    const messages = await this.messagesOf(entries);
    // at or below what the business acknowledged: sent already (an entry announced again after its acknowledgement) or overtaken
    const stale = entries.filter((e) => STATUS_RANK[e.status] <= (messages.get(e.message_id)?.webhook_acked_rank ?? -1));
    await this.settle(stale, token, 'superseded');
    // a message's statuses in the order it took them, whatever order the store returned them in
    const live = entries.filter((e) => !stale.includes(e)).sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
    if (live.length === 0) return true;

    const business = await this.businesses.find(businessId);
    if (!business) return this.drop(live, token, 'business routing unknown'); // entries only exist after their routing is stored
    let secret: Buffer;
    let statuses: WebhookStatus[];
    try {
      secret = await this.businesses.appSecret(business);
      statuses = await Promise.all(live.map(async (e) => ({ id: e.message_id, status: e.status, timestamp: e.timestamp, ...(await this.recipients.of(messages.get(e.message_id))), errors: e.status_errors })));
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return this.drop(live, token, 'app secret destroyed');
      return this.retryLater(live, token, 'keys unavailable');
    }
    const { raw, signature } = signedWebhook(secret, statusWebhookBody(businessId, business.phone_number_id, statuses));
    secret.fill(0);
    const result = await this.outbound.post(business.webhook_url, raw, this.timing.webhookTimeoutMs, { 'x-hub-signature-256': signature });
    if (classifyAttempt(result) !== 'success') return this.retryLater(live, token, describe(result));
    // the business has these statuses now: never send them again, even across a store outage
    await storeOutcome(() => this.entries.deleteAcknowledged(token), this.logger, 'status webhook delivery');
    await storeOutcome(() => this.acknowledge(live), this.logger, 'status webhook acknowledgement');
    await this.schedule.succeeded(businessId);
    this.logger.debug({ business_id: businessId, statuses: live.length }, 'status webhook delivered');
    return true;
  }

  /**
   * The claim, less the statuses that must wait for an earlier one of their message (handed back,
   * due when it is settled), plus the earlier ones owed to the poller (leased under the same token).
   */
  private async withEarlierStatuses(claimed: WebhookOutboxEntry[], token: string): Promise<WebhookOutboxEntry[]> {
    const { taken, held } = await this.earlier.takeAlong(claimed, token, new Date(Date.now() + this.timing.webhookLeaseMs));
    if (held.length > 0) {
      const handBack = held.map(({ entry, until }) => ({ updateOne: { filter: { _id: entry.entry_id, lease_token: token }, update: { $set: { next_attempt_at: until, ...RELEASED } } } }));
      await Promise.all(chunks(handBack).map((slice) => boundedBulkWrite(this.outbox, slice as never)));
    }
    if (taken === 0) return claimed.filter((e) => !held.some((h) => h.entry === e));
    return this.outbox.find({ lease_token: token }).lean<WebhookOutboxEntry[]>().exec();
  }

  /** By id, a few at a time: the store answers an `_id` match from its index, a `$in` by reading every message. */
  private async messagesOf(entries: readonly WebhookOutboxEntry[]): Promise<Map<string, Message>> {
    const found = new Map<string, Message>();
    for (const ids of chunks([...new Set(entries.map((e) => e.message_id))])) {
      const docs = await Promise.all(ids.map((id) => this.messages.findOne({ message_id: id }, { message_id: 1, business_id: 1, recipient_key_id: 1, sealed: 1, webhook_acked_rank: 1 }).lean().exec()));
      for (const doc of docs) if (doc) found.set(doc.message_id, doc);
    }
    return found;
  }

  /** Raises the message's acknowledged rank, never lowers it. */
  private async acknowledge(entries: WebhookOutboxEntry[]): Promise<void> {
    const best = new Map<string, number>();
    for (const e of entries) best.set(e.message_id, Math.max(best.get(e.message_id) ?? -1, STATUS_RANK[e.status]));
    // by `_id`: the store finds each message from its index and checks the rank itself
    const raise = [...best].map(([messageId, rank]) => ({ updateOne: { filter: { _id: messageId, webhook_acked_rank: { $lt: rank } }, update: { $set: { webhook_acked_rank: rank } } } }));
    await Promise.all(chunks(raise).map((slice) => boundedBulkWrite(this.messages, slice as never)));
  }

  private async settle(entries: WebhookOutboxEntry[], token: string, state: OutboxState): Promise<void> {
    if (entries.length === 0) return;
    await this.outbox.updateMany({ entry_id: { $in: entries.map((e) => e.entry_id) }, lease_token: token }, { $set: { state, ...RELEASED } }).exec();
  }

  /** Non-2xx (any), timeouts and key-service outages all mean: back off and try again (CONTRACT §6). */
  private async retryLater(entries: WebhookOutboxEntry[], token: string, reason: string): Promise<false> {
    const businessId = entries[0]!.business_id;
    this.logger.warn({ business_id: businessId, statuses: entries.length, reason }, 'status webhook not delivered; retrying later');
    const expired = await this.schedule.failed(businessId, entries, token);
    if (expired.length > 0) await this.drop(expired, token, 'retry window ended');
    return false;
  }

  private async drop(entries: WebhookOutboxEntry[], token: string, reason: string): Promise<boolean> {
    await this.settle(entries, token, 'dropped');
    for (const e of entries) {
      await this.audit.record(
        'webhook.dropped',
        { actor: 'service:delivery', action: 'send-status-webhook', target: e.message_id, outcome: 'failure', detail: { status: e.status, attempts: e.attempts + 1, reason } },
        { businessId: e.business_id, correlationId: e.message_id },
      );
    }
    return true;
  }
}

function describe(result: AttemptResult): string {
  return result.kind === 'answered' ? `HTTP ${result.status}` : result.reason;
}
