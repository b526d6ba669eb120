import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { naturalIdPlugin } from '@sealpost/persistence';
import type { EncryptedEnvelope, MessageStatus, StatusError } from '@sealpost/contracts';

/**
 * One accepted message as delivery tracks it: metadata, the recipient's pseudonym and the
 * original AES-GCM envelope from ingestion (opened in memory only, e.g. for a webhook's
 * recipient_id). Gone by `expires_at`.
 */
@Schema({ collection: 'messages', versionKey: false })
export class MessageRecord {
  @Prop({ required: true, unique: true })
  message_id: string;

  @Prop({ required: true, index: true })
  business_id: string;

  @Prop({ required: true })
  phone_number_id: string;

  /** pseudonym of the recipient's number */
  @Prop({ required: true, index: true })
  recipient: string;

  /** the recipient's key; with the epoch key named in `sealed` it derives the message key */
  @Prop({ required: true })
  recipient_key_id: string;

  @Prop({ type: Object, required: true })
  sealed: EncryptedEnvelope;

  /** the devices it was sent to: only they may send its receipts */
  @Prop({ type: [String], default: [] })
  device_ids: string[];

  @Prop({ required: true })
  accepted_at: Date;

  @Prop({ required: true, index: true })
  expires_at: Date;

  @Prop({ required: true, enum: ['accepted', 'sent', 'delivered', 'read', 'failed'] })
  status: MessageStatus;

  @Prop({ type: Date, default: null }) sent_at: Date | null;
  @Prop({ type: Date, default: null }) delivered_at: Date | null;
  @Prop({ type: Date, default: null }) read_at: Date | null;
  @Prop({ type: Date, default: null }) failed_at: Date | null;

  /** why it failed (`errors` is a name mongoose reserves) */
  @Prop({ type: [Object], default: undefined })
  status_errors?: StatusError[];

  /** rank of the highest status the business's webhook endpoint acknowledged (-1: none yet) */
  @Prop({ required: true, default: -1 })
  webhook_acked_rank: number;

  /**
   * Set with each status change and cleared once it is announced (event, audit, webhook):
   * a process killed in between leaves it set, and recovery announces what is missing.
   */
  @Prop({ type: Date, default: null, index: true })
  announce_due_at: Date | null;

  /** true exactly while `announce_due_at` is set: recovery finds these by equality, not by a range read of every message */
  @Prop({ type: Boolean, default: false, index: true })
  announce_pending: boolean;
}

export const MessageRecordSchema = SchemaFactory.createForClass(MessageRecord);
MessageRecordSchema.plugin(naturalIdPlugin, { field: 'message_id' });
