import { shardOf } from '../dispatch/dispatch-ownership';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { RELEASED } from '../dispatch/lease';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, factEventId, MESSAGE_STATUS_EVENT, MessageStatusPayload, StatusError, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { MessageRecord } from '../messages/message-record.schema';
import { WebhookOutboxEntry } from '../webhooks/webhook-outbox.schema';
import { WebhookSchedule } from '../webhooks/webhook-schedule';
import { ReportedStatus, unixSeconds } from './status-steps';
import { insertNew } from '@sealpost/persistence';

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
  async announceMany(changes: readonly StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
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
    await this.enqueueWebhooks(
      changes.map(({ message, status, at, errors }) => ({
        businessId: message.business_id,
        messageId: message.message_id,
        status,
        at,
        errors,
        giveUpAt: new Date(Math.min(at.getTime() + WEBHOOK_WINDOW_MS, message.expires_at.getTime())),
      })),
    );
  }

  /** Idempotent: a second entry for the same message and status is never created. */
  async enqueueWebhooks(webhooks: readonly StatusWebhook[]): Promise<void> {
    const firstAttempts = new Map<string, Date>();
    for (const businessId of new Set(webhooks.map((w) => w.businessId))) firstAttempts.set(businessId, await this.schedule.firstAttemptAt(businessId));
    const entries = webhooks.map((webhook) => ({
      _id: entryId(webhook.messageId, webhook.status),
      entry_id: entryId(webhook.messageId, webhook.status),
      business_id: webhook.businessId,
      shard: shardOf(webhook.businessId),
      message_id: webhook.messageId,
      status: webhook.status,
      timestamp: unixSeconds(webhook.at),
      ...(webhook.errors?.length && { status_errors: webhook.errors }),
      state: 'pending' as const,
      attempts: 0,
      // joins the business's schedule: behind a failing endpoint it waits with the others
      next_attempt_at: firstAttempts.get(webhook.businessId)!,
      give_up_at: webhook.giveUpAt,
      ...RELEASED,
      created_at: new Date(),
    }));
    await insertNew(this.outbox, entries);
    this.signals.notify('webhook');
  }
}

export type AnnouncedMessage = Pick<MessageRecord, 'message_id' | 'business_id' | 'expires_at'>;

export interface StatusChange {
  message: AnnouncedMessage;
  status: ReportedStatus;
  at: Date;
  errors?: StatusError[];
}

function entryId(messageId: string, status: ReportedStatus): string {
  return `${messageId}:${status}`;
}
