import { Injectable } from '@nestjs/common';
import type { Business } from '../../businesses/business.schema';
import { InboundMediaClient } from '../inbound-media-client';
import { MediaRepository } from '../media.repository';
import { mediaDownloadPath } from '../media-url';
import { unknownMedia } from '../unknown-media';

/** `GET /{version}/{media_id}`'s answer (CONTRACT §12). */
export interface MediaView {
  messaging_product: 'whatsapp';
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

/**
 * A media's metadata and a URL to fetch it by for the next five minutes, with the business's token:
 * the business's uploads, or else what its customers sent (kept by delivery).
 */
@Injectable()
export class RetrieveMediaUseCase {
  constructor(
    private readonly media: MediaRepository,
    private readonly inbound: InboundMediaClient,
  ) {}

  async execute(business: Business, mediaId: string, origin: string): Promise<MediaView> {
    const record = await this.media.find(business.business_id, mediaId);
    const media = record ? { id: record._id, mime_type: record.mime_type, sha256: record.sha256, file_size: record.file_size, url_secret: record.url_secret } : await this.inbound.find(business.business_id, mediaId);
    if (!media) throw unknownMedia();
    return {
      messaging_product: 'whatsapp',
      url: `${origin}${mediaDownloadPath(media.id, media.url_secret, Date.now())}`,
      mime_type: media.mime_type,
      sha256: media.sha256,
      file_size: media.file_size,
      id: media.id,
    };
  }
}
