import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MessageStatus, StatusError } from '@sealpost/contracts';

/**
 * One status a message reached, as delivery announced it: appended, never updated. `_id` is
 * `<message_id>:<status>`, so a redelivered event is a duplicate key ("already done"), and the
 * status view folds a message's entries (see status-view).
 */
@Schema({ collection: 'message_statuses', versionKey: false })
export class StatusEntry {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, index: true })
  message_id: string;

  @Prop({ required: true, index: true })
  business_id: string;

  @Prop({ type: String, required: true })
  status: Exclude<MessageStatus, 'accepted'>;

  /** unix seconds, as the Cloud API and the event carry it */
  @Prop({ required: true })
  timestamp: string;

  @Prop({ type: [Object], default: undefined })
  errors?: StatusError[];

  /** when it was appended: retention ends it with its business's cutoff, as its message */
  @Prop({ required: true })
  recorded_at: Date;
}

export const StatusEntrySchema = SchemaFactory.createForClass(StatusEntry);
