import { IsOptional, IsUrl, MinLength } from 'class-validator';
import { IsPort } from '@sealpost/platform';
import { KeysClientEnv } from '@sealpost/keys-client';

/** The ingestion service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class IngestionEnv extends KeysClientEnv {
  @IsPort('SEALPOST_INGESTION_PORT')
  SEALPOST_INGESTION_PORT: number = 3001;

  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_KEYS_INGESTION_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_INGESTION_TOKEN?: string;

  /** the http(s) origin devices reach ingestion at, for sealed media URLs (default: http://127.0.0.1:<port>) */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'SEALPOST_INGESTION_PUBLIC_URL must be an http(s) URL devices can reach ingestion at' })
  SEALPOST_INGESTION_PUBLIC_URL?: string;

  /** where ingestion reaches delivery's internal media API (media customers sent to businesses) */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'DELIVERY_URL must be the delivery service base URL, e.g. http://127.0.0.1:3003' })
  DELIVERY_URL: string = 'http://127.0.0.1:3003';

  /** ingestion's credential for that API; generated into the data dir when unset */
  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_DELIVERY_INGESTION_TOKEN must be at least 16 characters' })
  SEALPOST_DELIVERY_INGESTION_TOKEN?: string;
}
