import { BaseEnv, IsPort } from '@sealpost/platform';

/** The ingestion service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class IngestionEnv extends BaseEnv {
  @IsPort('SEALPOST_INGESTION_PORT')
  SEALPOST_INGESTION_PORT: number = 3001;
}
