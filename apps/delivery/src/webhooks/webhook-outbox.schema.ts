import { LeasedWork } from '../dispatch/leased-work.schema';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { naturalIdPlugin } from '@sealpost/persistence';
import type { StatusError } from '@sealpost/contracts';
import type { ReportedStatus } from '../status/status-steps';

/** `sending`: posted straight from its batch, under the lease it was stored with; `pending`: the poller's */
export type OutboxState = 'sending' | 'pending' | 'superseded' | 'dropped';

/**
 * One status webhook owed to a business, deleted once the business acknowledged it. While owed,
 * the unique entry_id makes it exist once per message and status, however often a status change
 * is retried or recovered; a recovery only ever announces the steps of its own interrupted move.
 */
@Schema({ collection: 'webhook_outbox', versionKey: false })
export class WebhookOutboxEntry extends LeasedWork {
  /** `${message_id}:${status}` */
  @Prop({ required: true, unique: true })
  entry_id: string;

  @Prop({ required: true })
  business_id: string;

  @Prop({ required: true, index: true })
  message_id: string;

  @Prop({ required: true })
  status: ReportedStatus;

  /** unix seconds of the status change */
  @Prop({ required: true })
  timestamp: string;

  @Prop({ type: [Object], default: undefined })
  status_errors?: StatusError[];

  @Prop({ required: true, enum: ['sending', 'pending', 'superseded', 'dropped'] })
  state: OutboxState;

  /** 7 days after the status, or the message's retention end if sooner */
  @Prop({ required: true, index: true })
  give_up_at: Date;

  @Prop({ required: true })
  created_at: Date;
}

export const WebhookOutboxEntrySchema = SchemaFactory.createForClass(WebhookOutboxEntry);
WebhookOutboxEntrySchema.plugin(naturalIdPlugin, { field: 'entry_id' });
WebhookOutboxEntrySchema.index({ state: 1, next_attempt_at: 1 });
WebhookOutboxEntrySchema.index({ lease_token: 1 });
// the poller's claims look for one business's pending entries
WebhookOutboxEntrySchema.index({ business_id: 1, state: 1 });
