import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * HTTP sends whose publish to sealpost.messages.accepted.v1 has not been confirmed: written before
 * their messages are stored and deleted once they are published, so the collection holds only
 * work in flight (the outbox relay finishes what a failed publish or a crash left).
 */
@Schema({ collection: 'unpublished_batches', versionKey: false })
export class UnpublishedBatch {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], required: true })
  message_ids: string[];

  @Prop({ required: true })
  created_at: Date;
}

export const UnpublishedBatchSchema = SchemaFactory.createForClass(UnpublishedBatch);
