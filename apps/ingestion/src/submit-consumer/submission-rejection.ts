import { Injectable } from '@nestjs/common';
import { createEvent, MESSAGE_EVENT_TYPES, MessageRejectedPayload, TOPICS } from '@sealpost/contracts';
import { AuditTrail, IncomingRecord, KafkaPublisher, PoisonRecordError } from '@sealpost/kafka';
import { wellFormedPrefix } from '@sealpost/platform/errors/validation-problems';
import { toRouting } from '../businesses/business-view';
import { newMessageId } from '../messages/message-id';
import { RejectedSubmission } from './rejected-submission';

/** the longest reason a dead-letter record carries (header and value): far under the broker's record limit */
const MAX_REASON_LENGTH = 1024;

/**
 * A refused submission (CONTRACT §4): a dead-letter record that points at the original
 * (topic, partition, offset) without copying its content or number, with a short reason; an
 * audit event holding only the kind of refusal; and, when the signature proved the business,
 * a `failed` status for its webhook.
 */
@Injectable()
export class SubmissionRejection {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async reject(record: IncomingRecord, error: PoisonRecordError): Promise<void> {
    const rejection = error instanceof RejectedSubmission ? error : undefined;
    const kind = rejection?.kind ?? 'malformed';
    const business = rejection?.business;
    const reason = wellFormedPrefix(error.reason, MAX_REASON_LENGTH);
    const source = { topic: record.topic, partition: record.partition, offset: record.message.offset };
    await this.publisher.publish(TOPICS.messagesSubmitDlq, [
      {
        key: business?.business_id ?? 'unknown-business',
        value: { error: reason, source, business_id: business?.business_id ?? null, rejected_at: new Date().toISOString() },
        headers: { 'x-sealpost-error': reason },
      },
    ]);
    const correlationId = `${source.topic}/${source.partition}@${source.offset}`;
    await this.audit.record(
      'submission.rejected',
      { actor: business ? `business:${business.business_id}` : 'unknown', action: 'submit-message:kafka', target: correlationId, outcome: 'rejected', detail: { reason: kind } },
      { businessId: business?.business_id, correlationId },
    );
    if (!rejection || !business) return;
    const payload: MessageRejectedPayload = {
      message_id: newMessageId(),
      business_id: business.business_id,
      rejected_at: new Date().toISOString(),
      error: { ...rejection.error, message: reason },
      business: toRouting(business),
    };
    const event = createEvent(MESSAGE_EVENT_TYPES.rejected, payload, { businessId: business.business_id, correlationId: payload.message_id });
    await this.publisher.publish(TOPICS.messagesAccepted, [{ key: business.business_id, value: event }]);
  }
}
