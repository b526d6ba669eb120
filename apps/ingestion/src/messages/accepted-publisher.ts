import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, MESSAGE_EVENT_TYPES, MessageAcceptedPayload, TOPICS } from '@sealpost/contracts';
import { KafkaPublisher } from '@sealpost/kafka';
import { Business } from '../businesses/business.schema';
import { toRouting } from '../businesses/business-view';
import { Message } from './message.schema';

/** Puts a stored message on sealpost.messages.accepted.v1, then marks it published. */
@Injectable()
export class AcceptedPublisher {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly publisher: KafkaPublisher,
  ) {}

  async publish(message: Message, business: Business): Promise<void> {
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
    const event = createEvent(MESSAGE_EVENT_TYPES.accepted, payload, { businessId: message.business_id, correlationId: message.message_id });
    // keyed by recipient pseudonym: one recipient's messages stay in order
    await this.publisher.publish(TOPICS.messagesAccepted, [{ key: message.recipient, value: event }]);
    await this.messages.updateOne({ _id: message.message_id }, { $set: { published: true } }).exec();
  }
}
