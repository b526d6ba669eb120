import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Businesses retention has heard of: each onboarding creates the business's secrets key, and
 * the keys service announces it on sealpost.keys.events.v1, the one topic retention may read.
 */
@Schema({ collection: 'known_businesses', versionKey: false })
export class KnownBusiness {
  @Prop({ required: true, unique: true })
  business_id: string;

  @Prop({ required: true })
  first_seen_at: Date;
}

export const KnownBusinessSchema = SchemaFactory.createForClass(KnownBusiness);
