import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EncryptedEnvelope } from '@sealpost/contracts';

/** What delivery knows of a business: where its webhooks go and its app secret, still encrypted. */
@Schema({ collection: 'businesses', versionKey: false })
export class Business {
  @Prop({ required: true, unique: true })
  business_id: string;

  /** customers name the business by it when they write back (CONTRACT §11) */
  @Prop({ required: true, index: true })
  phone_number_id: string;

  @Prop({ required: true })
  webhook_url: string;

  /** AES-GCM under the business-secret key (AAD bound to the business); opened in memory to sign */
  @Prop({ type: Object, required: true })
  app_secret: EncryptedEnvelope;

  /** ingestion bumps it on every change; only a higher revision replaces what is stored */
  @Prop({ required: true })
  revision: number;

  @Prop({ required: true })
  updated_at: Date;

  /** consecutive failed webhook POSTs: the backoff belongs to the endpoint, not to each status */
  @Prop({ default: 0 })
  webhook_failures: number;

  /** no webhook goes to this business before then */
  @Prop({ type: Date, default: () => new Date(0) })
  webhook_retry_at: Date;
}

export const BusinessSchema = SchemaFactory.createForClass(Business);
