import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, factEventId, MESSAGE_STATUS_EVENT, MessageStatusPayload, StatusError, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { boundedBulkWrite, chunks, insertNew } from '@sealpost/persistence';
import { DeliveryTiming } from '../config/delivery-timing';
import { shardOf } from '../dispatch/dispatch-ownership';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { RELEASED } from '../dispatch/released';
import { MessageRecord } from '../messages/message-record.schema';
import { DirectWebhookPost, DirectWebhooks } from '../webhooks/direct-webhooks';
import { RecipientFields } from '../webhooks/status-recipient';
import { EARLIER } from '../webhooks/send-webhooks/earlier-statuses';
import { MAX_STATUSES_PER_POST, WebhookStatus } from '../webhooks/webhook-body';
import { WebhookOutboxEntry } from '../webhooks/webhook-outbox.schema';
import { WebhookSchedule } from '../webhooks/webhook-schedule';
import { ReportedStatus, unixSeconds } from './status-steps';

/** CONTRACT §6: webhooks are retried for up to 7 days. */
export const WEBHOOK_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface StatusWebhook {
  businessId: string;
  messageId: string;
  status: ReportedStatus;
  at: Date;
  errors?: StatusError[];
  /** retries stop here: 7 days after the status, never past the message's retention */
  giveUpAt: Date;
  /** read from the envelope by the caller that had it open: then the webhook may go out straight away */
  recipient?: RecipientFields;
}

/**
 * Tells the world about a status change: the status event (ingestion, audit), the audit
 * record, then the webhook outbox entry. The entry goes last and its unique id marks the
 * change as announced, so a recovery after a crash repeats at most the event, never the webhook.
 */
@Injectable()
export class StatusAnnouncer {
  constructor(
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
    private readonly schedule: WebhookSchedule,
    private readonly signals: DispatchSignals,
    private readonly direct: DirectWebhooks,
    private readonly timing: DeliveryTiming,
  ) {}

  async announce(message: AnnouncedMessage, status: ReportedStatus, at: Date, errors?: StatusError[]): Promise<void> {
    if (await this.outbox.exists({ entry_id: entryId(message.message_id, status) }).exec()) return;
    await this.announceMany([{ message, status, at, errors }]);
  }

  /**
   * Status changes just made (so none is announced yet), announced together: one status produce,
   * one audit produce, one outbox insert. A recovery may announce again: the same event ids let
   * ingestion and the audit log keep each status once, and the outbox entry's id keeps the webhook once.
   */
  async announceMany(changes: readonly StatusChange[], sendNow = false): Promise<DirectWebhookPost[]> {
    if (changes.length === 0) return [];
    const statusEvents = changes.map(({ message, status, at, errors }) => {
      const payload: MessageStatusPayload = { message_id: message.message_id, business_id: message.business_id, status, timestamp: unixSeconds(at), ...(errors?.length && { errors }) };
      return createEvent(MESSAGE_STATUS_EVENT, payload, { businessId: message.business_id, correlationId: message.message_id, eventId: factEventId('status', message.message_id, status) });
    });
    await this.publisher.publish(TOPICS.messagesStatus, statusEvents.map((event) => ({ key: event.correlationId, value: event })));
    await this.audit.recordMany(
      changes.map(({ message, status, errors }) => ({
        type: `message.${status}`,
        record: { actor: 'service:delivery', action: 'message-status', target: message.message_id, outcome: status === 'failed' ? 'failure' : 'success', ...(errors?.[0] && { detail: { code: errors[0].code } }) },
        context: { businessId: message.business_id, correlationId: message.message_id, eventId: factEventId('audit', message.message_id, status) },
      })),
    );
    return this.enqueueWebhooks(
      changes.map(({ message, status, at, errors }) => ({
        businessId: message.business_id,
        messageId: message.message_id,
        status,
        at,
        errors,
        giveUpAt: new Date(Math.min(at.getTime() + WEBHOOK_WINDOW_MS, message.expires_at.getTime())),
        recipient: message.recipient_fields,
      })),
      sendNow,
    );
  }

  /**
   * Idempotent: a second entry for the same message and status is never created. With `sendNow`,
   * the statuses of a business whose endpoint is not backing off are stored leased, as POSTs for
   * the caller to hand to DirectWebhooks once the announcement is complete; the rest wait for
   * the poller. Only statuses whose envelope fields the caller read go straight away: those come
   * from the accepted batch path, which announces a message's first statuses (from `accepted`),
   * so none of the message's earlier statuses can still be waiting in the poller's backlog, and a
   * business whose backlog is draining never sees a message's statuses out of order.
   */
  async enqueueWebhooks(webhooks: readonly StatusWebhook[], sendNow = false): Promise<DirectWebhookPost[]> {
    const now = Date.now();
    const firstAttempts = new Map<string, Date>();
    const direct = new Set<string>();
    for (const businessId of new Set(webhooks.map((w) => w.businessId))) {
      const first = await this.schedule.firstAttemptAt(businessId);
      firstAttempts.set(businessId, first);
      const known = webhooks.every((w) => w.businessId !== businessId || w.recipient);
      if (sendNow && known && this.direct.accepting && first.getTime() <= Date.now()) direct.add(businessId);
    }
    const posts: DirectWebhookPost[] = [];
    const leaseUntil = new Date(now + this.timing.directWebhookLeaseMs);
    const entries = webhooks.map((webhook) => {
      const lease = direct.has(webhook.businessId) ? this.postFor(posts, webhook, leaseUntil) : undefined;
      return {
        _id: entryId(webhook.messageId, webhook.status),
        entry_id: entryId(webhook.messageId, webhook.status),
        business_id: webhook.businessId,
        shard: shardOf(webhook.businessId),
        message_id: webhook.messageId,
        status: webhook.status,
        timestamp: unixSeconds(webhook.at),
        ...(webhook.errors?.length && { status_errors: webhook.errors }),
        state: lease ? ('sending' as const) : ('pending' as const),
        attempts: 0,
        // joins the business's schedule: behind a failing endpoint it waits with the others
        next_attempt_at: firstAttempts.get(webhook.businessId)!,
        give_up_at: webhook.giveUpAt,
        ...(lease ? { lease_until: leaseUntil, lease_token: lease } : RELEASED),
        created_at: new Date(),
      };
    });
    const repeats = await insertNew(this.outbox, entries);
    // an entry an earlier attempt stored is that attempt's to send (by the poller, perhaps after a backoff), and
    // no later status of its message may overtake it: those wait for the poller too, which takes the earlier along
    const repeated = new Set([...repeats].map((i) => entries[i]!.entry_id));
    const behindRepeat = new Set(posts.flatMap((p) => p.statuses).filter((s) => EARLIER[s.status].some((e) => repeated.has(entryId(s.id, e)))).map((s) => entryId(s.id, s.status)));
    await this.toPoller([...behindRepeat].filter((id) => !repeated.has(id)));
    if (behindRepeat.size > 0 || entries.some((e, i) => e.state === 'pending' && !repeats.has(i))) this.signals.notify('webhook');
    const goesNow = (s: WebhookStatus) => !repeated.has(entryId(s.id, s.status)) && !behindRepeat.has(entryId(s.id, s.status));
    return posts.map((post) => ({ ...post, statuses: post.statuses.filter(goesNow) })).filter((post) => post.statuses.length > 0);
  }

  /** Entries just stored for a direct POST that must wait for the poller instead. */
  private async toPoller(entryIds: readonly string[]): Promise<void> {
    const release = entryIds.map((_id) => ({ updateOne: { filter: { _id, state: 'sending' }, update: { $set: { state: 'pending', ...RELEASED } } } }));
    await Promise.all(chunks(release).map((slice) => boundedBulkWrite(this.outbox, slice as never)));
  }

  /** The last POST of the webhook's business, or a new one every 100 statuses; resolves with its lease token. */
  private postFor(posts: DirectWebhookPost[], webhook: StatusWebhook, leaseUntil: Date): string {
    let post = posts.findLast((p) => p.businessId === webhook.businessId);
    if (!post || post.statuses.length === MAX_STATUSES_PER_POST) {
      post = { businessId: webhook.businessId, token: randomUUID(), leaseUntil, statuses: [] };
      posts.push(post);
    }
    post.statuses.push({ id: webhook.messageId, status: webhook.status, timestamp: unixSeconds(webhook.at), ...webhook.recipient, errors: webhook.errors });
    return post.token;
  }
}

/** `recipient_fields`: the webhook fields from the envelope, when the announcing path has it open */
export type AnnouncedMessage = Pick<MessageRecord, 'message_id' | 'business_id' | 'expires_at'> & { recipient_fields?: RecipientFields };

export interface StatusChange {
  message: AnnouncedMessage;
  status: ReportedStatus;
  at: Date;
  errors?: StatusError[];
}

function entryId(messageId: string, status: ReportedStatus): string {
  return `${messageId}:${status}`;
}
