import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { MEDIA_KEY_BYTES, MediaSealer, mediaKeyAad, toBase64url, wrapKey } from '@sealpost/crypto';
import { KeysClient } from '@sealpost/keys-client';
import { numericId } from '@sealpost/platform/numeric-id';
import { MAX_MESSAGE_AGE_MS } from '@sealpost/contracts';
import { MAX_MEDIA_BYTES, maxBytesOf, mediaTypeOf } from '@sealpost/platform/media/media-kinds';
import { MediaRefused } from '@sealpost/platform/media/media-refused';
import { MediaRepository } from '../media.repository';
import { sniffMime } from '@sealpost/platform/media/sniff-mime';
import { ContentSniff, SizeBound } from '@sealpost/platform/media/upload-checks';
import { UploadMediaCommand } from './upload-media.command';

/**
 * Encrypts an upload at the door as it streams in (CONTRACT §12): checked against its type's
 * bound and its declared type, sealed in chunks under a fresh media key, written to the store;
 * the media key is kept only wrapped under the business's current epoch data key. No plaintext
 * byte is stored, and a refused or broken upload leaves nothing behind.
 */
@Injectable()
export class UploadMediaUseCase {
  constructor(
    private readonly media: MediaRepository,
    private readonly keys: KeysClient,
  ) {}

  async execute({ business, mimeType, content }: UploadMediaCommand): Promise<{ id: string }> {
    const type = () => mediaTypeOf(mimeType());
    const epochKey = await this.keys.currentKey('message', business.business_id);
    const id = numericId();
    const mediaKey = randomBytes(MEDIA_KEY_BYTES);
    const sealer = new MediaSealer(mediaKey);
    let stored: Promise<void> | undefined;
    try {
      const bound = new SizeBound(
        () => {
          const known = type();
          return known ? maxBytesOf(known) : MAX_MEDIA_BYTES;
        },
        () => `${type() ?? 'media'} (${mimeType()})`,
      );
      const sniff = new ContentSniff(() => {
        if (!type()) throw new MediaRefused(131053, `${mimeType() || 'no type'} is not a media type the Cloud API takes; see its supported media types`);
        return mimeType();
      }, sniffMime);
      await pipeline(content, bound, sniff, sealer, (sealed: AsyncIterable<Buffer>) => (stored = this.media.storeCiphertext(id, sealed)));
      const now = new Date();
      await this.media.insert({
        _id: id,
        business_id: business.business_id,
        phone_number_id: business.phone_number_id,
        mime_type: mimeType(),
        sha256: sealer.sha256,
        file_size: sealer.plaintextBytes,
        key_id: epochKey.key_id,
        wrapped_key: wrapKey(epochKey.key, mediaKey, mediaKeyAad(id, business.business_id)),
        url_secret: toBase64url(randomBytes(32)),
        created_at: now,
        expires_at: new Date(now.getTime() + MAX_MESSAGE_AGE_MS),
      });
      return { id };
    } catch (err) {
      // the store's own clean-up, once its write under way has ended: nothing of a refused upload stays
      await stored?.catch(() => undefined);
      await this.media.deleteCiphertext([id]);
      throw err;
    } finally {
      mediaKey.fill(0);
    }
  }
}
