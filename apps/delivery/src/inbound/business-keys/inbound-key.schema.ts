import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { naturalIdPlugin } from '@sealpost/persistence';

/**
 * A business inbound key this delivery handed to devices: its id, whose it is and when its epoch
 * ended. No material (that stays with the keys service). A device's key_id is checked here by `_id`
 * before the keys service is asked for anything, so a made-up id costs one indexed read.
 */
@Schema({ collection: 'inbound_keys', versionKey: false })
export class InboundKey {
  @Prop({ required: true, unique: true })
  key_id: string;

  @Prop({ required: true })
  business_id: string;

  @Prop({ type: Date, required: true, index: true })
  epoch_end: Date;
}

export const InboundKeySchema = SchemaFactory.createForClass(InboundKey);
InboundKeySchema.plugin(naturalIdPlugin, { field: 'key_id' });
