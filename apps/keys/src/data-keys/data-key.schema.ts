import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type DataKeyKind = 'message' | 'business-secret' | 'pseudonym' | 'recipient' | 'business-inbound';
export const DATA_KEY_KINDS: readonly DataKeyKind[] = ['message', 'business-secret', 'pseudonym', 'recipient', 'business-inbound'];
export type DataKeyState = 'active' | 'retired' | 'destroyed';

/**
 * A data key: per (business, epoch) for messages and for the X25519 key pair customers seal
 * their inbound messages to (`business-inbound`: the private key wrapped, the public key in clear), one per business for its secrets, and one
 * suite-wide key for phone-number pseudonyms (business_id `_sealpost`), and one key per
 * recipient (business_id = the number's lookup pseudonym under that key) with the random
 * pseudonym the other services file that person under.
 * Material exists only wrapped by a KEK; destruction removes it and keeps the metadata, except
 * for recipient keys: erasure and expiry delete their whole row (an erased number keeps only a
 * tombstone, see ErasedNumber).
 */
@Schema({ collection: 'data_keys', versionKey: false })
export class DataKey {
  @Prop({ required: true, unique: true })
  key_id: string;

  @Prop({ required: true, enum: DATA_KEY_KINDS })
  kind: DataKeyKind;

  @Prop({ required: true })
  business_id: string;

  @Prop({ required: true })
  epoch_start: Date;

  @Prop({ type: Date, default: null })
  epoch_end: Date | null;

  /** version of the KEK that wraps it; grows with each rotation */
  @Prop({ required: true })
  version: number;

  @Prop({ type: String, default: null })
  wrapped: string | null;

  @Prop({ required: true })
  created_at: Date;

  @Prop({ type: Date, default: null })
  destroyed_at: Date | null;

  /** business-inbound keys: the X25519 public key (raw, base64url), not secret; kept after destruction so old key ids still resolve */
  @Prop({ type: String })
  public_key?: string;

  /** recipient keys: the random pseudonym every service files this person under; gone when the key is destroyed */
  @Prop({ type: String })
  pseudonym?: string | null;

  /** recipient keys: no message is sealed under it after this, so it may go once every message before has expired */
  @Prop({ type: Date })
  used_until?: Date | null;

  /** recipient keys: a device is registered under the pseudonym, which must therefore outlive quiet months (until erasure) */
  @Prop({ type: Boolean })
  pinned?: boolean;
}

export const DataKeySchema = SchemaFactory.createForClass(DataKey);
// one key per business, kind and epoch, even when two requests race (no transactions needed)
DataKeySchema.index({ business_id: 1, kind: 1, epoch_start: 1 }, { unique: true });
// which KEK still wraps something live: asked before a retired KEK is deleted
DataKeySchema.index({ version: 1 });
// an erase command names the person by their pseudonym
DataKeySchema.index({ pseudonym: 1 });
