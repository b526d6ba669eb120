import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { MediaOpener, mediaKeyAad, unwrapKey } from '@sealpost/crypto';
import { DataKeyDestroyedError, KeysClient } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import type { Business } from '../../businesses/business.schema';
import { InboundMediaClient } from '../inbound-media-client';
import { MediaRepository } from '../media.repository';
import { downloadAllowed } from '../media-url';
import { unknownMedia } from '../unknown-media';

/** The plaintext of a media file as it streams, with what its response says of it. */
export interface MediaDownload {
  content: Readable;
  mimeType: string;
  fileSize: number;
}

/**
 * Opens a media file at the exit door, as it streams out of the store (never whole in memory):
 * only through a URL retrieved in the last five minutes, and the business's own token. A chunk
 * that fails authentication ends the stream with an error, never with bytes that were altered.
 */
@Injectable()
export class DownloadMediaUseCase {
  private readonly logger = new Logger(DownloadMediaUseCase.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly keys: KeysClient,
    private readonly inbound: InboundMediaClient,
  ) {}

  async execute(business: Business, mediaId: string, query: { expires?: string; signature?: string }): Promise<MediaDownload> {
    const record = await this.media.find(business.business_id, mediaId);
    if (!record) return this.fromCustomer(business.business_id, mediaId, query);
    checkUrl(record._id, record.url_secret, query);
    const epochKey = await this.keys.byKeyId(record.key_id).catch((err: unknown) => {
      // the key is shredded (retention or erasure): the media is gone for good
      throw err instanceof DataKeyDestroyedError ? unknownMedia() : err;
    });
    const mediaKey = unwrapKey(epochKey.key, record.wrapped_key, mediaKeyAad(record._id, record.business_id));
    const content = new PassThrough();
    pipeline(this.media.ciphertextOf(record._id), new MediaOpener(mediaKey), content)
      .catch((err: unknown) => this.logger.warn({ media_id: record._id, reason: (err as Error).name }, 'media download cut off'))
      .finally(() => mediaKey.fill(0));
    return { content, mimeType: record.mime_type, fileSize: record.file_size };
  }

  /** Media a customer sent: delivery opens it, and its plaintext is relayed as it streams. */
  private async fromCustomer(businessId: string, mediaId: string, query: { expires?: string; signature?: string }): Promise<MediaDownload> {
    const media = await this.inbound.find(businessId, mediaId);
    if (!media) throw unknownMedia();
    checkUrl(media.id, media.url_secret, query);
    const content = await this.inbound.open(businessId, mediaId);
    if (!content) throw unknownMedia();
    return { content, mimeType: media.mime_type, fileSize: media.file_size };
  }
}

function checkUrl(mediaId: string, urlSecret: string, query: { expires?: string; signature?: string }): void {
  if (!downloadAllowed(mediaId, urlSecret, query, Date.now())) {
    throw new ApiError(HttpStatus.FORBIDDEN, 10, 'Media URL expired or altered', 'media URLs last five minutes; retrieve the media again for a fresh one');
  }
}
