import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EncryptedEnvelope } from '@sealpost/contracts';

/** A business account. Its access token is kept only as a hash, its app secret only encrypted. */
@Schema({ collection: 'businesses', versionKey: false })
export class Business {
  @Prop({ required: true, unique: true })
  business_id: string;

  @Prop({ required: true, unique: true })
  phone_number_id: string;

  @Prop({ required: true })
  name: string;

  @Prop({ required: true })
  webhook_url: string;

  @Prop({ required: true })
  throughput_mps: number;

  /** SHA-256 of the access token: tokens are random 256-bit values, so no salt is needed to resist guessing */
  @Prop({ required: true, unique: true })
  token_hash: string;

  @Prop({ type: Object, required: true })
  app_secret: EncryptedEnvelope;

  /** grows with every change, so delivery keeps the newest routing it has seen */
  @Prop({ required: true })
  revision: number;

  @Prop({ required: true })
  created_at: Date;
}

export const BusinessSchema = SchemaFactory.createForClass(Business);
