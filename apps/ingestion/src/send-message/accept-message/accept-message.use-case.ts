import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessagePlaintext, normalizePhoneNumber } from '@sealpost/contracts';
import { encryptEnvelope, messageAad, messageKey, pseudonymize } from '@sealpost/crypto';
import { AuditTrail } from '@sealpost/kafka';
import { KeysClient } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import { Business } from '../../businesses/business.schema';
import { AcceptedPublisher } from '../../messages/accepted-publisher';
import { newMessageId } from '../../messages/message-id';
import { Message } from '../../messages/message.schema';
import { MAX_MESSAGE_AGE_MS } from '../../messages/retention-window';
import { SendMessageRequest } from '../send-message.dto';

export interface AcceptedMessage {
  messageId: string;
  waId: string;
  duplicate: boolean;
}

/**
 * Encrypt at the door: the text and the number exist in clear only in this call's memory.
 * What is stored and emitted is the AES-GCM envelope, the recipient's pseudonym and metadata.
 */
@Injectable()
export class AcceptMessageUseCase {
  private readonly logger = new Logger(AcceptMessageUseCase.name);

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly keys: KeysClient,
    private readonly accepted: AcceptedPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(business: Business, request: SendMessageRequest, idempotencyKey: string | undefined, channel: 'http' | 'kafka'): Promise<AcceptedMessage> {
    const waId = normalizePhoneNumber(request.to);
    if (!waId) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'to: not a valid phone number in E.164 form (country code required)');

    const messageId = newMessageId();
    const [epochKey, pseudonymKey] = await Promise.all([this.keys.currentKey('message', business.business_id), this.keys.pseudonymKey()]);
    const recipient = pseudonymize(pseudonymKey.key, waId);
    // per-recipient key material: erasing this person destroys it, and with it every copy of their messages
    const recipientKey = await this.keys.currentKey('recipient', recipient);
    const plaintext: MessagePlaintext = {
      to: waId,
      content: { type: 'text', text: { body: request.text.body, ...(request.text.preview_url !== undefined && { preview_url: request.text.preview_url }) } },
      ...(request.biz_opaque_callback_data !== undefined && { biz_opaque_callback_data: request.biz_opaque_callback_data }),
    };
    const now = new Date();
    const message: Message = {
      _id: messageId,
      message_id: messageId,
      business_id: business.business_id,
      phone_number_id: business.phone_number_id,
      recipient,
      recipient_key_id: recipientKey.key_id,
      idempotency_key: idempotencyKey ?? `auto:${messageId}`,
      status: 'accepted',
      timestamps: { accepted: String(Math.floor(now.getTime() / 1000)) },
      sealed: encryptEnvelope(messageKey(epochKey.key, recipientKey.key), Buffer.from(JSON.stringify(plaintext)), messageAad(messageId, business.business_id), { keyId: epochKey.key_id, keyVersion: epochKey.version }),
      published: false,
      accepted_at: now,
      expires_at: new Date(now.getTime() + MAX_MESSAGE_AGE_MS),
    };

    try {
      await this.messages.create(message);
    } catch (err) {
      // the unique (business, key) index turns a repeated Idempotency-Key into this error: answer
      // with the first message's id (checked here rather than before, as lookups by other
      // fields than _id scan the collection on the embedded store)
      if ((err as { code?: number }).code === 11000 && idempotencyKey) {
        const winner = await this.findByKey(business.business_id, idempotencyKey);
        if (winner) return { messageId: winner.message_id, waId, duplicate: true };
      }
      throw err;
    }

    await this.audit.record('message.accepted', { actor: `business:${business.business_id}`, action: `send-message:${channel}`, target: messageId, outcome: 'success', detail: { recipient: message.recipient } }, { businessId: business.business_id, correlationId: messageId });
    // stored first, published second: if Kafka is down now, the outbox relay publishes it later
    await this.accepted.publish(message, business).catch((err: Error) => this.logger.warn({ messageId, error: err.message }, 'publish deferred to the outbox relay'));
    return { messageId, waId, duplicate: false };
  }

  private findByKey(businessId: string, key: string): Promise<Message | null> {
    return this.messages.findOne({ business_id: businessId, idempotency_key: key }).lean().exec();
  }
}
