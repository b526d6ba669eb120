import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A business's policy: how long its messages may be kept (at most 30 days), and its
 * customer-service window (`none`, or how long after a customer's message free-form replies may go).
 */
@Schema({ collection: 'policies', versionKey: false })
export class Policy {
  @Prop({ required: true, unique: true })
  business_id: string;

  @Prop({ required: true })
  max_age: string;

  /** absent in policies stored before the window existed: `none` */
  @Prop()
  service_window?: string;

  @Prop({ required: true })
  updated_at: Date;
}

export const PolicySchema = SchemaFactory.createForClass(Policy);
