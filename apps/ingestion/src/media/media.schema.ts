import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An uploaded media file's record (CONTRACT §12); its ciphertext is the GridFS file of the same
 * id in the `media` bucket, sealed in chunks under `wrapped_key`'s media key, which is wrapped
 * under the business's epoch data key `key_id`: when retention or erasure destroys that key,
 * the media can no longer be opened by anyone.
 */
@Schema({ collection: 'media', versionKey: false })
export class MediaRecord {
  /** the media id the API returns (Graph-style numeric string), also its GridFS file's id */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, index: true })
  business_id: string;

  @Prop({ required: true })
  phone_number_id: string;

  /** as declared by the upload, parameters kept (`audio/ogg; codecs=opus`) */
  @Prop({ required: true })
  mime_type: string;

  /** hex SHA-256 of the plaintext */
  @Prop({ required: true })
  sha256: string;

  /** plaintext bytes */
  @Prop({ required: true })
  file_size: number;

  /** the epoch data key the media key is wrapped under */
  @Prop({ required: true })
  key_id: string;

  /** the media key, wrapped (`iv.ct.tag`, AAD naming the media and business) */
  @Prop({ required: true })
  wrapped_key: string;

  /** signs this media's short-lived download URLs (not a secret of its content) */
  @Prop({ required: true })
  url_secret: string;

  @Prop({ required: true })
  created_at: Date;

  /** past this the media is gone, whatever the business's policy (30 days at most) */
  @Prop({ required: true })
  expires_at: Date;
}

export const MediaRecordSchema = SchemaFactory.createForClass(MediaRecord);
MediaRecordSchema.index({ created_at: 1 });
