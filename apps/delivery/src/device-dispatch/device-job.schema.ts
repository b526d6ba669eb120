import { LeasedWork } from '../dispatch/leased-work.schema';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { naturalIdPlugin } from '@sealpost/persistence';
import type { StatusError } from '@sealpost/contracts';
import type { SealedForDevice } from '@sealpost/crypto';

/** `sending`: POSTed straight from its accepted batch, under the lease it was stored with; `pending`: the poller's */
export type DeviceJobState = 'sending' | 'pending' | 'delivered' | 'failed';

/**
 * One message for one device: its HPKE-sealed copy and its durable retry schedule. A worker
 * claims a job by setting `lease_until`; if it dies, the lease runs out and the job is due again.
 */
@Schema({ collection: 'device_jobs', versionKey: false })
export class DeviceJob extends LeasedWork {
  /** `${message_id}:${device_id}` */
  @Prop({ required: true, unique: true })
  job_id: string;

  @Prop({ required: true, index: true })
  message_id: string;

  @Prop({ required: true })
  business_id: string;

  @Prop({ required: true })
  device_id: string;

  @Prop({ required: true })
  endpoint_url: string;

  @Prop({ required: true })
  phone_number_id: string;

  /** accepted_at in unix seconds, as the device sees it */
  @Prop({ required: true })
  timestamp: string;

  /** dropped once delivered: nothing left to send */
  @Prop({ type: Object, default: null })
  sealed: SealedForDevice | null;

  @Prop({ required: true, enum: ['sending', 'pending', 'delivered', 'failed'] })
  state: DeviceJobState;

  /** why the job failed, for the message's `failed` status */
  @Prop({ type: Object, default: null })
  failure: StatusError | null;

  /**
   * Set when the job is settled (delivered or failed) and cleared once the message status
   * reflects it; a process killed in between leaves it set for recovery to finish.
   */
  @Prop({ type: Date, default: null, index: true })
  report_due_at: Date | null;

  /** true exactly while `report_due_at` is set: recovery finds these by equality, not by a range read of every job */
  @Prop({ type: Boolean, default: false, index: true })
  report_pending: boolean;

  /** the lease token of the POST that settled it, so one equality write clears the batch's report */
  @Prop({ type: String, default: null, index: true })
  report_token: string | null;

  @Prop({ required: true, index: true })
  expires_at: Date;

  @Prop({ required: true })
  created_at: Date;
}

export const DeviceJobSchema = SchemaFactory.createForClass(DeviceJob);
DeviceJobSchema.plugin(naturalIdPlugin, { field: 'job_id' });
DeviceJobSchema.index({ state: 1, next_attempt_at: 1 });
DeviceJobSchema.index({ lease_token: 1 });
// is anything waiting for this endpoint? then new messages queue behind it
DeviceJobSchema.index({ endpoint_url: 1, state: 1 });
