import { IsOptional, MinLength } from 'class-validator';
import { IsPort } from '@sealpost/platform';
import { KeysClientEnv } from '@sealpost/keys-client';

/** The ingestion service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class IngestionEnv extends KeysClientEnv {
  @IsPort('SEALPOST_INGESTION_PORT')
  SEALPOST_INGESTION_PORT: number = 3001;

  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_KEYS_INGESTION_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_INGESTION_TOKEN?: string;
}
