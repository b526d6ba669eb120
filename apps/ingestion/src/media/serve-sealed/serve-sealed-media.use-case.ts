import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { sealedMediaBytes } from '@sealpost/crypto';
import { MediaRepository } from '../media.repository';
import { sealedAllowed } from '../media-url';
import { unknownMedia } from '../unknown-media';

/** A media's ciphertext for a device holding its capability URL, as it streams out of the store. */
@Injectable()
export class ServeSealedMediaUseCase {
  constructor(private readonly media: MediaRepository) {}

  async execute(mediaId: string, capability: string): Promise<{ content: Readable; bytes: number }> {
    const record = await this.media.find(undefined, mediaId);
    if (!record || !sealedAllowed(record._id, record.url_secret, capability)) throw unknownMedia();
    return { content: this.media.ciphertextOf(record._id), bytes: sealedMediaBytes(record.file_size) };
  }
}
