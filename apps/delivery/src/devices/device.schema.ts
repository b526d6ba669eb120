import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SealedEnvelope } from '@sealpost/crypto';

/** A recipient's device: where sealed messages go and the key they are sealed to. No phone number, only its pseudonym. */
@Schema({ collection: 'devices', versionKey: false })
export class Device {
  @Prop({ required: true, unique: true })
  device_id: string;

  /** keyed HMAC of the E.164 digits, the same pseudonym ingestion puts on accepted messages */
  @Prop({ required: true, index: true })
  phone_pseudonym: string;

  /** the number, AES-GCM under the person's recipient key (device-phone.ts); absent on devices registered before inbound messages */
  @Prop({ type: Object })
  phone_sealed?: SealedEnvelope;

  @Prop({ required: true })
  endpoint_url: string;

  /** raw X25519 public key, base64url */
  @Prop({ required: true })
  public_key: string;

  /** sha256 hex of the device token */
  @Prop({ required: true, unique: true })
  token_hash: string;

  @Prop({ required: true })
  created_at: Date;
}

export const DeviceSchema = SchemaFactory.createForClass(Device);
