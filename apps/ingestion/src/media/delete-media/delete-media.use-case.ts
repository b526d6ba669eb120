import { Injectable } from '@nestjs/common';
import type { Business } from '../../businesses/business.schema';
import { InboundMediaClient } from '../inbound-media-client';
import { MediaRepository } from '../media.repository';
import { unknownMedia } from '../unknown-media';

/** `DELETE /{version}/{media_id}`: the record, then its ciphertext (of an upload here, or of what a customer sent, at delivery). */
@Injectable()
export class DeleteMediaUseCase {
  constructor(
    private readonly media: MediaRepository,
    private readonly inbound: InboundMediaClient,
  ) {}

  async execute(business: Business, mediaId: string): Promise<{ success: true }> {
    const deleted = (await this.media.delete(business.business_id, mediaId)) || (await this.inbound.delete(business.business_id, mediaId));
    if (!deleted) throw unknownMedia();
    return { success: true };
  }
}
