import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * When a customer last wrote to a business: one document per (business, customer), `_id` =
 * `<business id>/<customer pseudonym>`, rewritten with each inbound message. Ids and a time only:
 * no number, no content. Purged with the business's messages by `max_age`, erased with the number.
 */
@Schema({ collection: 'customer_contacts', versionKey: false })
export class CustomerContact {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  business_id: string;

  /** the customer's pseudonym: erasure finds the documents by it */
  @Prop({ required: true, index: true })
  recipient: string;

  @Prop({ required: true })
  last_inbound_at: Date;
}

export const CustomerContactSchema = SchemaFactory.createForClass(CustomerContact);
