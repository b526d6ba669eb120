import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/** A versioned key-encryption key, stored only wrapped by the root key; deleted once it wraps nothing live. */
@Schema({ collection: 'key_encryption_keys', versionKey: false })
export class KeyEncryptionKey {
  @Prop({ required: true, unique: true })
  version: number;

  @Prop({ required: true })
  wrapped: string;

  @Prop({ required: true, enum: ['active', 'retired'] })
  state: 'active' | 'retired';

  @Prop({ required: true })
  created_at: Date;

  @Prop({ type: Date, default: null })
  retired_at?: Date | null;
}

export type KeyEncryptionKeyDocument = HydratedDocument<KeyEncryptionKey>;
export const KeyEncryptionKeySchema = SchemaFactory.createForClass(KeyEncryptionKey);
