import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A business's retention policy: how long its messages may be kept (at most 30 days). */
@Schema({ collection: 'policies', versionKey: false })
export class Policy {
  @Prop({ required: true, unique: true })
  business_id: string;

  @Prop({ required: true })
  max_age: string;

  @Prop({ required: true })
  updated_at: Date;
}

export const PolicySchema = SchemaFactory.createForClass(Policy);
