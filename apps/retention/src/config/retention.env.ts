import { IsOptional, MinLength } from 'class-validator';
import { KeysClientEnv } from '@sealpost/keys-client';
import { IsIsoDuration, IsPort } from '@sealpost/platform';

/** The retention service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class RetentionEnv extends KeysClientEnv {
  @IsPort('SEALPOST_RETENTION_PORT')
  SEALPOST_RETENTION_PORT: number = 3004;

  @IsIsoDuration({ minMs: 1000 }, { message: 'SEALPOST_RETENTION_SWEEP_INTERVAL must be an ISO-8601 duration of at least PT1S, e.g. PT1M' })
  SEALPOST_RETENTION_SWEEP_INTERVAL: string = 'PT1M';

  /** how long a sweep waits for every service's report before naming the late ones */
  @IsIsoDuration({ minMs: 1000 }, { message: 'SEALPOST_RETENTION_REPORT_DEADLINE must be an ISO-8601 duration of at least PT1S, e.g. PT30S' })
  SEALPOST_RETENTION_REPORT_DEADLINE: string = 'PT30S';

  @IsOptional()
  @MinLength(16, { message: 'SEALPOST_KEYS_RETENTION_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_RETENTION_TOKEN?: string;
}
