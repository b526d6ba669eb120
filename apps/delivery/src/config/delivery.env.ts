import { IsOptional, MinLength } from 'class-validator';
import { KeysClientEnv } from '@sealpost/keys-client';
import { IsIsoDuration, IsPort } from '@sealpost/platform';

/** The delivery service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class DeliveryEnv extends KeysClientEnv {
  @IsPort('SEALPOST_DELIVERY_PORT')
  SEALPOST_DELIVERY_PORT: number = 3003;

  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_KEYS_DELIVERY_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_DELIVERY_TOKEN?: string;

  /** ingestion's credential for the internal media API (inbound media); generated into the data dir when unset */
  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_DELIVERY_INGESTION_TOKEN must be at least 16 characters' })
  SEALPOST_DELIVERY_INGESTION_TOKEN?: string;

  /** first retry delay of a device POST or status webhook; doubles per attempt (with jitter) */
  @IsIsoDuration({ minMs: 10 }, { message: 'SEALPOST_DELIVERY_RETRY_BASE must be an ISO-8601 duration of at least PT0.01S, e.g. PT1S' })
  SEALPOST_DELIVERY_RETRY_BASE: string = 'PT1S';

  /** longest delay between two retries */
  @IsIsoDuration({ minMs: 10 }, { message: 'SEALPOST_DELIVERY_RETRY_MAX must be an ISO-8601 duration of at least PT0.01S, e.g. PT5M' })
  SEALPOST_DELIVERY_RETRY_MAX: string = 'PT5M';

  /** how long a device endpoint may take to answer one POST */
  @IsIsoDuration({ minMs: 100, maxMs: 300000 }, { message: 'SEALPOST_DELIVERY_TIMEOUT must be an ISO-8601 duration between PT0.1S and PT5M, e.g. PT10S' })
  SEALPOST_DELIVERY_TIMEOUT: string = 'PT10S';

  /** how long a business webhook endpoint may take to answer one POST */
  @IsIsoDuration({ minMs: 100, maxMs: 300000 }, { message: 'SEALPOST_WEBHOOK_TIMEOUT must be an ISO-8601 duration between PT0.1S and PT5M, e.g. PT10S' })
  SEALPOST_WEBHOOK_TIMEOUT: string = 'PT10S';
}
