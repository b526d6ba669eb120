import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The tombstone of an erased number: only its id (tombstoneId of the number's lookup
 * pseudonym), no time, no key id, no pseudonym any other record holds. It keeps the number
 * refused for good and links it to nothing.
 */
@Schema({ collection: 'erased_numbers', versionKey: false })
export class ErasedNumber {
  @Prop({ type: String, required: true })
  _id: string;
}

export const ErasedNumberSchema = SchemaFactory.createForClass(ErasedNumber);
