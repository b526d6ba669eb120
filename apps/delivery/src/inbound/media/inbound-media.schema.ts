import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** `uploaded`: ciphertext only, its key with the device; `attached`: an inbound message gave its key, checked and wrapped. */
export type InboundMediaState = 'uploaded' | 'attached';

/**
 * A file a customer's device uploaded (CONTRACT §12), its ciphertext in the `inbound_media`
 * bucket under the same id. Uploaded under a key only the device knows; once an inbound message
 * names it, the key (checked against the file) is kept wrapped under the customer's recipient
 * key, so erasure and retention's key destruction shred it, and the business may fetch it.
 */
@Schema({ collection: 'inbound_media', versionKey: false })
export class InboundMedia {
  /** the media id the device and then the business use */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  device_id: string;

  /** the customer's pseudonym: erasure finds their media by it */
  @Prop({ required: true, index: true })
  recipient: string;

  @Prop({ required: true, enum: ['uploaded', 'attached'] })
  state: InboundMediaState;

  /** the stored ciphertext's length */
  @Prop({ required: true })
  ciphertext_bytes: number;

  @Prop({ required: true })
  created_at: Date;

  /** an unattached upload goes after a day; an attached one with its business's retention */
  @Prop({ required: true })
  expires_at: Date;

  /** the inbound message that attached it (its inbound_id): a repeat of that message may attach it again */
  @Prop({ type: String, default: null })
  inbound_id: string | null;

  @Prop({ type: String, default: null, index: true })
  business_id: string | null;

  @Prop({ type: String, default: null })
  mime_type: string | null;

  /** hex SHA-256 of the plaintext */
  @Prop({ type: String, default: null })
  sha256: string | null;

  /** plaintext bytes */
  @Prop({ type: Number, default: null })
  file_size: number | null;

  /** the customer's recipient key the media key is wrapped under */
  @Prop({ type: String, default: null })
  key_id: string | null;

  /** the media key, AES-256-GCM-wrapped under that key (AAD: media id and business) */
  @Prop({ type: String, default: null })
  wrapped_key: string | null;

  /** signs the business's short-lived download URLs (ingestion hands them out) */
  @Prop({ type: String, default: null })
  url_secret: string | null;
}

export const InboundMediaSchema = SchemaFactory.createForClass(InboundMedia);
