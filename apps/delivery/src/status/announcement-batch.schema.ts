import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A batch of status moves being announced: written before the moves and deleted once they are
 * announced, so a process killed in between leaves it for recovery. One insert and one delete
 * per batch, where a flag per message would cost two updates per message. Holds message ids only.
 */
@Schema({ collection: 'announcement_batches', versionKey: false })
export class AnnouncementBatch {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], required: true })
  message_ids: string[];

  @Prop({ required: true })
  created_at: Date;
}

export const AnnouncementBatchSchema = SchemaFactory.createForClass(AnnouncementBatch);
