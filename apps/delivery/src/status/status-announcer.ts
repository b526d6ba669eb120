import { shardOf } from '../dispatch/dispatch-ownership';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, factEventId, MESSAGE_STATUS_EVENT, MessageStatusPayload, StatusError, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { MessageRecord } from '../messages/message-record.schema';
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

  async announce(message: Pick<MessageRecord, 'message_id' | 'business_id' | 'expires_at'>, status: ReportedStatus, at: Date, errors?: StatusError[]): Promise<void> {
    const { message_id: messageId, business_id: businessId } = message;
    if (await this.outbox.exists({ entry_id: entryId(messageId, status) }).exec()) return;
    const payload: MessageStatusPayload = { message_id: messageId, business_id: businessId, status, timestamp: unixSeconds(at), ...(errors?.length && { errors }) };
    // a recovery may announce again: the same ids let ingestion and the audit log keep each status once
    const statusEvent = createEvent(MESSAGE_STATUS_EVENT, payload, { businessId, correlationId: messageId, eventId: factEventId('status', messageId, status) });
    await this.publisher.publish(TOPICS.messagesStatus, [{ key: messageId, value: statusEvent }]);
    await this.audit.record(
      `message.${status}`,
      { actor: 'service:delivery', action: 'message-status', target: messageId, outcome: status === 'failed' ? 'failure' : 'success', ...(errors?.[0] && { detail: { code: errors[0].code } }) },
      { businessId, correlationId: messageId, eventId: factEventId('audit', messageId, status) },
    );
    const giveUpAt = new Date(Math.min(at.getTime() + WEBHOOK_WINDOW_MS, message.expires_at.getTime()));
    await this.enqueueWebhook({ businessId, messageId, status, at, errors, giveUpAt });
  }

  /** Idempotent: a second entry for the same message and status is never created. */
  async enqueueWebhook(webhook: StatusWebhook): Promise<void> {
    try {
      await this.outbox.create({
        entry_id: entryId(webhook.messageId, webhook.status),
        business_id: webhook.businessId,
        shard: shardOf(webhook.businessId),
        message_id: webhook.messageId,
        status: webhook.status,
        timestamp: unixSeconds(webhook.at),
        ...(webhook.errors?.length && { status_errors: webhook.errors }),
        state: 'pending',
        attempts: 0,
        // joins the business's schedule: behind a failing endpoint it waits with the others
        next_attempt_at: await this.schedule.firstAttemptAt(webhook.businessId),
        give_up_at: webhook.giveUpAt,
        created_at: new Date(),
      });
      this.signals.notify('webhook');
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
}

function entryId(messageId: string, status: ReportedStatus): string {
  return `${messageId}:${status}`;
}
