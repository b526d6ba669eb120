import { Injectable } from '@nestjs/common';
import { createEvent, MESSAGE_EVENT_TYPES, MessageReadByBusinessPayload, TOPICS } from '@sealpost/contracts';
import { KafkaPublisher } from '@sealpost/kafka';
import { Business } from '../../businesses/business.schema';
import { MarkReadRequest } from './mark-read.request';

/**
 * A business marks a customer's message read (and maybe shows typing). Ingestion cannot see
 * inbound messages, so it hands the request to delivery on the accepted topic and answers once
 * that is published; delivery finds the message and tells the customer's devices, or ignores
 * an id that is not this business's (the Cloud API answers success for those too).
 */
@Injectable()
export class MarkReadUseCase {
  constructor(private readonly publisher: KafkaPublisher) {}

  async execute(business: Business, request: MarkReadRequest): Promise<{ success: true }> {
    const payload: MessageReadByBusinessPayload = {
      business_id: business.business_id,
      phone_number_id: business.phone_number_id,
      message_id: request.message_id,
      typing: request.typing_indicator !== undefined,
      at: new Date().toISOString(),
    };
    // keyed by business: ingestion does not know the customer, and one business's reads stay in order
    const event = createEvent(MESSAGE_EVENT_TYPES.readByBusiness, payload, { businessId: business.business_id, correlationId: request.message_id });
    await this.publisher.publish(TOPICS.messagesAccepted, [{ key: business.business_id, value: event }]);
    return { success: true };
  }
}
