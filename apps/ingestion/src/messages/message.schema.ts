import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EncryptedEnvelope } from '@sealpost/contracts';

/**
 * Ingestion's record of a message: metadata, the recipient's pseudonym and the encrypted
 * envelope (kept so a message whose publish failed can be sent again). Never plaintext.
 */
@Schema({ collection: 'messages', versionKey: false })
export class Message {
  /** the message id again: the status view finds it by `_id`, the cheapest the embedded store answers */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, unique: true })
  message_id: string;

  @Prop({ required: true })
  business_id: string;

  @Prop({ required: true })
  phone_number_id: string;

  @Prop({ required: true, index: true })
  recipient: string;

  @Prop({ required: true })
  recipient_key_id: string;

  /**
   * the business's Idempotency-Key or client_message_id; without one, `submit:<partition>:<offset>:<timestamp>`
   * for a Kafka submit (its redelivery is the same message) and `auto:<message_id>` for an HTTP send
   */
  @Prop({ required: true })
  idempotency_key: string;

  @Prop({ type: Object, required: true })
  sealed: EncryptedEnvelope;

  @Prop({ required: true })
  accepted_at: Date;

  @Prop({ required: true, index: true })
  expires_at: Date;
}

export const MessageSchema = SchemaFactory.createForClass(Message);
// the dedupe key: the same Idempotency-Key from one business maps to one message, without transactions
MessageSchema.index({ business_id: 1, idempotency_key: 1 }, { unique: true });
