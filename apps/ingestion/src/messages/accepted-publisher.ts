import { Injectable } from '@nestjs/common';
import { createEvent, MESSAGE_EVENT_TYPES, MessageAcceptedPayload, TOPICS } from '@sealpost/contracts';
import { KafkaPublisher } from '@sealpost/kafka';
import { Business } from '../businesses/business.schema';
import { toRouting } from '../businesses/business-view';
import { Message } from './message.schema';

export interface MessageToPublish {
  message: Message;
  /** the message's sender, whose routing delivery needs for its status webhooks */
  business: Business;
}

/** Puts stored messages on sealpost.messages.accepted.v1, all in one produce. */
@Injectable()
export class AcceptedPublisher {
  constructor(private readonly publisher: KafkaPublisher) {}

  async publish(entries: readonly MessageToPublish[]): Promise<void> {
    // keyed by recipient pseudonym: one recipient's messages stay in order
    await this.publisher.publish(TOPICS.messagesAccepted, entries.map(({ message, business }) => ({ key: message.recipient, value: acceptedEvent(message, business) })));
  }
}

function acceptedEvent(message: Message, business: Business) {
  const payload: MessageAcceptedPayload = {
    message_id: message.message_id,
    business_id: message.business_id,
    recipient: message.recipient,
    recipient_key_id: message.recipient_key_id,
    accepted_at: message.accepted_at.toISOString(),
    expires_at: message.expires_at.toISOString(),
    sealed: message.sealed,
    business: toRouting(business),
  };
  return createEvent(MESSAGE_EVENT_TYPES.accepted, payload, { businessId: message.business_id, correlationId: message.message_id });
}
