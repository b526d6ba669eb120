import { IsOptional, IsString, MinLength } from 'class-validator';
import { BaseEnv, IsIsoDuration, IsPort } from '@sealpost/platform';

/** The keys service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class KeysEnv extends BaseEnv {
  @IsPort('SEALPOST_KEYS_PORT')
  SEALPOST_KEYS_PORT: number = 3002;

  /** Unset: <SEALPOST_DATA_DIR>/root.key, created with its folder. Set: the folder must exist. */
  @IsOptional()
  @IsString({ message: 'SEALPOST_ROOT_KEY_FILE must be a file path' })
  SEALPOST_ROOT_KEY_FILE?: string;

  @IsIsoDuration({ minMs: 1000 }, { message: 'SEALPOST_KEY_EPOCH must be an ISO-8601 duration of at least PT1S, e.g. P1D or PT2S' })
  SEALPOST_KEY_EPOCH: string = 'P1D';

  @IsOptional() @MinLength(16, { message: 'SEALPOST_KEYS_INGESTION_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_INGESTION_TOKEN?: string;

  @IsOptional() @MinLength(16, { message: 'SEALPOST_KEYS_DELIVERY_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_DELIVERY_TOKEN?: string;

  @IsOptional() @MinLength(16, { message: 'SEALPOST_KEYS_RETENTION_TOKEN must be at least 16 characters' })
  SEALPOST_KEYS_RETENTION_TOKEN?: string;
}
