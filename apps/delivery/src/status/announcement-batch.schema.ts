import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MessageStatus, StatusError } from '@sealpost/contracts';
import type { ReportedStatus } from './status-steps';

/** One move of a batch as its marker keeps it: enough for recovery to make it again. */
export interface MarkedMove {
  message_id: string;
  from: MessageStatus;
  target: ReportedStatus;
  errors?: StatusError[];
}

/**
 * A batch of status moves being made and announced: written before the moves and deleted once
 * they are announced and the device jobs they settle are gone, so a process killed in between
 * leaves it for recovery. One insert and one delete per batch, where a flag per message would
 * cost two updates per message. Holds ids, targets and error codes only.
 */
@Schema({ collection: 'announcement_batches', versionKey: false })
export class AnnouncementBatch {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], required: true })
  message_ids: string[];

  @Prop({ type: [Object], default: [] })
  moves: MarkedMove[];

  /** lease tokens of device POSTs whose outcome the moves report: those jobs are done */
  @Prop({ type: [String], default: [] })
  settled_job_tokens: string[];

  /**
   * the dispatch shards its writer held: another instance recovers it only once it holds one of
   * them (the writer died, or lost them), never while the writer is still carrying it out
   */
  @Prop({ type: [Number], default: [] })
  owner_shards: number[];

  @Prop({ required: true })
  created_at: Date;
}

export const AnnouncementBatchSchema = SchemaFactory.createForClass(AnnouncementBatch);
