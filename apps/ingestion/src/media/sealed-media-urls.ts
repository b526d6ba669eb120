import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IngestionEnv } from '../config/ingestion.env';
import type { MediaRecord } from './media.schema';
import { sealedMediaPath } from './media-url';

/** Where devices fetch sealed media: ingestion as devices reach it (SEALPOST_INGESTION_PUBLIC_URL). */
@Injectable()
export class SealedMediaUrls {
  private readonly base: string;

  constructor(config: ConfigService<IngestionEnv, true>) {
    const configured = config.get('SEALPOST_INGESTION_PUBLIC_URL', { infer: true }) as string | undefined;
    this.base = (configured ?? `http://127.0.0.1:${config.get('SEALPOST_INGESTION_PORT', { infer: true })}`).replace(/\/+$/, '');
  }

  of(record: Pick<MediaRecord, '_id' | 'url_secret'>): string {
    return `${this.base}${sealedMediaPath(record._id, record.url_secret)}`;
  }
}
