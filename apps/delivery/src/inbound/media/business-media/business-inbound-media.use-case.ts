import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InboundMediaView } from '@sealpost/contracts';
import { MediaOpener, mediaKeyAad, unwrapKey } from '@sealpost/crypto';
import { DataKeyDestroyedError, DataKeyNotFoundError, KeysClient } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import { InboundMedia } from '../inbound-media.schema';
import { InboundMediaRepository } from '../inbound-media.repository';

export interface InboundMediaContent {
  content: Readable;
  mimeType: string;
  fileSize: number;
}

const unknownMedia = () => new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown media', 'no media of this business has that id; it may have expired or been deleted');

/**
 * The business's side of media its customers sent: what it is, its plaintext opened at the exit
 * door as it streams (never whole in memory; a chunk that fails authentication ends the stream),
 * and its deletion. The media key is unwrapped under the customer's recipient key: once erasure
 * or retention destroyed that key, the media is gone for good.
 */
@Injectable()
export class BusinessInboundMediaUseCase {
  private readonly logger = new Logger(BusinessInboundMediaUseCase.name);

  constructor(
    private readonly media: InboundMediaRepository,
    private readonly keys: KeysClient,
  ) {}

  async view(businessId: string, mediaId: string): Promise<InboundMediaView> {
    const record = await this.attached(businessId, mediaId);
    return { id: record._id, mime_type: record.mime_type!, sha256: record.sha256!, file_size: record.file_size!, url_secret: record.url_secret! };
  }

  async open(businessId: string, mediaId: string): Promise<InboundMediaContent> {
    const record = await this.attached(businessId, mediaId);
    const recipientKey = await this.keys.byKeyId(record.key_id!).catch((err: unknown) => {
      throw err instanceof DataKeyDestroyedError || err instanceof DataKeyNotFoundError ? unknownMedia() : err;
    });
    const mediaKey = unwrapKey(recipientKey.key, record.wrapped_key!, mediaKeyAad(record._id, businessId));
    const content = new PassThrough();
    pipeline(this.media.ciphertextOf(record._id), new MediaOpener(mediaKey), content)
      .catch((err: unknown) => this.logger.warn({ media_id: record._id, reason: (err as Error).name }, 'inbound media download cut off'))
      .finally(() => mediaKey.fill(0));
    return { content, mimeType: record.mime_type!, fileSize: record.file_size! };
  }

  async delete(businessId: string, mediaId: string): Promise<void> {
    if (!(await this.media.deleteOfBusiness(businessId, mediaId))) throw unknownMedia();
  }

  private async attached(businessId: string | undefined, mediaId: string): Promise<InboundMedia> {
    const record = businessId ? await this.media.findOfBusiness(businessId, mediaId) : undefined;
    if (!record) throw unknownMedia();
    return record;
  }
}
