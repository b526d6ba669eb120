import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Stored messages not yet on sealpost.messages.accepted.v1, a batch per document, deleted once
 * published, so the collection holds only work in flight: HTTP sends whose publish has not been
 * confirmed (written before their messages are stored; the outbox relay finishes what a failed
 * publish or a crash left), and Kafka submits paced to their business's throughput (due at `due_at`).
 */
@Schema({ collection: 'unpublished_batches', versionKey: false })
export class UnpublishedBatch {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], required: true })
  message_ids: string[];

  /** paced: the business whose turn this is, and when it comes */
  @Prop()
  business_id?: string;

  @Prop()
  due_at?: Date;

  @Prop({ required: true })
  created_at: Date;
}

export const UnpublishedBatchSchema = SchemaFactory.createForClass(UnpublishedBatch);
