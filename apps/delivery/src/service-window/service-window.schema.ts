import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A business's customer-service window as the latest retention sweep carried it (CONTRACT §11):
 * one document per business that has one, `_id` = business id; a business without one has none.
 */
@Schema({ collection: 'service_windows', versionKey: false })
export class ServiceWindow {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  window_ms: number;
}

export const ServiceWindowSchema = SchemaFactory.createForClass(ServiceWindow);
