import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Injectable } from '@nestjs/common';
import { sealedMediaBytes } from '@sealpost/crypto';
import { ApiError } from '@sealpost/platform';
import { bareMimeType, MAX_MEDIA_BYTES } from '@sealpost/platform/media/media-kinds';
import { asMediaApiError } from '@sealpost/platform/media/media-refusal-error';
import { SizeBound } from '@sealpost/platform/media/upload-checks';
import { numericId } from '@sealpost/platform/numeric-id';
import { InboundMediaRepository } from '../inbound-media.repository';

/** the ciphertext of the largest media the Cloud API takes (a 100 MB document) */
const MAX_CIPHERTEXT_BYTES = sealedMediaBytes(MAX_MEDIA_BYTES);
/** the ciphertext of an empty file: one empty final chunk's tag */
const MIN_CIPHERTEXT_BYTES = sealedMediaBytes(0);
/** an upload no inbound message names goes after this */
const UNATTACHED_MS = 24 * 60 * 60 * 1000;

export interface InboundMediaUpload {
  deviceId: string;
  /** the pseudonym of the device's number: erasure finds the upload by it */
  recipient: string;
  contentType: string | undefined;
  content: Readable;
}

/**
 * A device's upload of media it encrypted (CONTRACT §12): the ciphertext, stored as it streams
 * (never whole in memory) and bounded by the largest media's ciphertext. Its key stays with the
 * device until an inbound message names the media. Nothing of a refused upload is kept.
 */
@Injectable()
export class UploadInboundMediaUseCase {
  constructor(private readonly media: InboundMediaRepository) {}

  async execute({ deviceId, recipient, contentType, content }: InboundMediaUpload): Promise<{ media_id: string }> {
    if (bareMimeType(contentType ?? '') !== 'application/octet-stream') {
      content.resume();
      throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'send the encrypted media as the body, with Content-Type: application/octet-stream');
    }
    const id = numericId();
    let stored: Promise<number> | undefined;
    try {
      const bound = new SizeBound(() => MAX_CIPHERTEXT_BYTES, () => 'encrypted media');
      await pipeline(content, bound, (ciphertext: AsyncIterable<Buffer>) => (stored = this.media.storeCiphertext(id, ciphertext)));
      const length = await stored!;
      if (length < MIN_CIPHERTEXT_BYTES) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 131053, 'Media upload error', `encrypted media is at least ${MIN_CIPHERTEXT_BYTES} bytes (CONTRACT §12's chunk format); this upload is ${length}`);
      }
      const now = new Date();
      await this.media.insert({
        _id: id, device_id: deviceId, recipient, state: 'uploaded', ciphertext_bytes: length, created_at: now,
        expires_at: new Date(now.getTime() + UNATTACHED_MS), inbound_id: null, business_id: null, mime_type: null, sha256: null, file_size: null, key_id: null, wrapped_key: null, url_secret: null,
      });
      return { media_id: id };
    } catch (err) {
      // the store's own clean-up, once its write under way has ended: nothing of a refused upload stays
      await stored?.catch(() => undefined);
      await this.media.deleteCiphertext([id]);
      throw asMediaApiError(err);
    }
  }
}
