import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SealedEnvelope } from '@sealpost/crypto';
import { naturalIdPlugin } from '@sealpost/persistence';
import { LeasedWork } from '../dispatch/leased-work.schema';

/** `pending`: its webhook is owed (leased while a POST is under way); then acknowledged or dropped for good. */
export type InboundState = 'pending' | 'acknowledged' | 'dropped';

/**
 * One message a customer sent a business, and the webhook owed for it (the same leased-work
 * shape as the status outbox). Written with one insert when the device POSTs it; `inbound_id`
 * makes a repeated client_message_id the same message. Content and number exist only in
 * `stored`, cleared once the business acknowledged the webhook; the row (ids, pseudonym) stays
 * until retention or erasure, so a repeat still gets its first message id.
 */
@Schema({ collection: 'inbound_messages', versionKey: false })
export class InboundMessage extends LeasedWork {
  /** SHA-256 of the device id and client_message_id: idempotency without keeping the device's chosen text */
  @Prop({ required: true, unique: true })
  inbound_id: string;

  @Prop({ required: true, unique: true })
  message_id: string;

  @Prop({ required: true })
  business_id: string;

  /** the customer's pseudonym (their devices are filed under it); erasure finds their messages by it */
  @Prop({ required: true, index: true })
  recipient: string;

  @Prop({ required: true })
  device_id: string;

  /** the business inbound key the device sealed to */
  @Prop({ required: true })
  key_id: string;

  /** AES-256-GCM under the customer's recipient key: number, client_message_id, context and the HPKE body as the device sealed it */
  @Prop({ type: Object, default: null })
  stored: SealedEnvelope | null;

  /** unix seconds when delivery received it */
  @Prop({ required: true })
  timestamp: string;

  @Prop({ required: true, enum: ['pending', 'acknowledged', 'dropped'] })
  state: InboundState;

  /** 7 days after receipt (CONTRACT §11), never past retention (which deletes the row) */
  @Prop({ required: true })
  give_up_at: Date;

  @Prop({ required: true })
  created_at: Date;

  /** when the business first marked it, or a later message of the same customer, read (CONTRACT §11) */
  @Prop({ type: Date })
  read_at?: Date;
}

export const InboundMessageSchema = SchemaFactory.createForClass(InboundMessage);
InboundMessageSchema.plugin(naturalIdPlugin, { field: 'inbound_id' });
InboundMessageSchema.index({ state: 1, next_attempt_at: 1 });
InboundMessageSchema.index({ lease_token: 1 });
InboundMessageSchema.index({ business_id: 1, state: 1 });
