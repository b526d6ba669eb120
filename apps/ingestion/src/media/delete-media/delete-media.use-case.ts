import { Injectable } from '@nestjs/common';
import type { Business } from '../../businesses/business.schema';
import { MediaRepository } from '../media.repository';
import { unknownMedia } from '../unknown-media';

/** `DELETE /{version}/{media_id}`: the record, then its ciphertext. */
@Injectable()
export class DeleteMediaUseCase {
  constructor(private readonly media: MediaRepository) {}

  async execute(business: Business, mediaId: string): Promise<{ success: true }> {
    if (!(await this.media.delete(business.business_id, mediaId))) throw unknownMedia();
    return { success: true };
  }
}
