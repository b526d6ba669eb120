import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Injectable } from '@nestjs/common';
import { mongo } from 'mongoose';
import { MAX_MESSAGE_AGE_MS } from '@sealpost/contracts';
import { MediaOpener, mediaKeyAad, toBase64url, wrapKey } from '@sealpost/crypto';
import { DataKey } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import { maxBytesOf, mediaTypeOf } from '@sealpost/platform/media/media-kinds';
import { asMediaApiError } from '@sealpost/platform/media/media-refusal-error';
import { MediaRefused } from '@sealpost/platform/media/media-refused';
import { sniffMime } from '@sealpost/platform/media/sniff-mime';
import { ContentSniff, SizeBound } from '@sealpost/platform/media/upload-checks';
import { DeviceMediaObject, InboundMediaType } from '../../inbound-content';
import { InboundMediaRepository } from '../inbound-media.repository';

/** An inbound message naming an upload of its device. */
export interface MediaAttachment {
  deviceId: string;
  inboundId: string;
  businessId: string;
  type: InboundMediaType;
  media: DeviceMediaObject;
  /** the customer's recipient key: the media key is kept wrapped under it */
  recipientKey: DataKey;
}

const refused = (code: 131009 | 131053, details: string) => new ApiError(HttpStatus.BAD_REQUEST, code, code === 131009 ? 'Parameter value is not valid' : 'Media upload error', details);

/**
 * Checks, before its message is stored, that the media an inbound message names is what it says:
 * an upload of the same device not sent in another message, that opens whole under the key the
 * message gives (every chunk authenticated, in order, not truncated), within its type's size,
 * of its declared type (sniffed) and with its declared SHA-256. The file is read once, streaming.
 * Then the key is kept wrapped under the customer's recipient key, and the media is the business's.
 */
@Injectable()
export class AttachInboundMedia {
  constructor(private readonly media: InboundMediaRepository) {}

  async attach({ deviceId, inboundId, businessId, type, media, recipientKey }: MediaAttachment): Promise<void> {
    const record = await this.media.findOfDevice(deviceId, media.media_id);
    if (!record || (record.state === 'attached' && record.inbound_id !== inboundId)) {
      throw refused(131009, `${type}.media_id is not media this device uploaded and has not sent before; upload it with POST /v1/media, then name it once`);
    }
    if (mediaTypeOf(media.mime_type) !== type) throw refused(131053, `${type}.mime_type is not a ${type} type the Cloud API takes; see its supported media types`);
    const mediaKey = Buffer.from(media.media_key, 'base64url');
    try {
      const opened = await this.open(record._id, mediaKey, type, media.mime_type);
      if (opened.sha256 !== media.sha256.toLowerCase()) throw refused(131053, `${type}.sha256 is not the SHA-256 of the file: hash the plaintext before encrypting it`);
      const now = new Date();
      await this.media.attach(record._id, {
        inbound_id: inboundId,
        business_id: businessId,
        mime_type: media.mime_type,
        sha256: opened.sha256,
        file_size: opened.bytes,
        key_id: recipientKey.key_id,
        wrapped_key: wrapKey(recipientKey.key, mediaKey, mediaKeyAad(record._id, businessId)),
        url_secret: toBase64url(randomBytes(32)),
        expires_at: new Date(now.getTime() + MAX_MESSAGE_AGE_MS),
      });
    } finally {
      mediaKey.fill(0);
    }
  }

  /** The plaintext's hash and length, read through the checks; a file that does not open is refused. */
  private async open(mediaId: string, mediaKey: Buffer, type: InboundMediaType, mimeType: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await pipeline(
        this.media.ciphertextOf(mediaId),
        new MediaOpener(mediaKey),
        new SizeBound(() => maxBytesOf(type), () => `${type} (${mimeType})`),
        new ContentSniff(() => mimeType, sniffMime),
        async (plaintext: AsyncIterable<Buffer>) => {
          for await (const piece of plaintext) {
            hash.update(piece);
            bytes += piece.length;
          }
        },
      );
    } catch (err) {
      if (err instanceof MediaRefused) throw asMediaApiError(err);
      // the store failing is not the device's fault: the device sends again
      if (err instanceof mongo.MongoError) throw err;
      throw refused(131053, `${type}.media_key does not open the upload whole (CONTRACT §12's chunk format): encrypt it under that key, or name the key it was encrypted under`);
    }
    return { sha256: hash.digest('hex'), bytes };
  }
}
