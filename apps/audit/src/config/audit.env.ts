import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseEnv, IsIsoDuration, IsPort } from '@sealpost/platform';

/** The audit service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class AuditEnv extends BaseEnv {
  @IsPort('SEALPOST_AUDIT_PORT')
  SEALPOST_AUDIT_PORT: number = 3005;

  /** Unset: <SEALPOST_DATA_DIR>/audit-signing.key, created with its folder. Set: the folder must exist. */
  @IsOptional()
  @IsString({ message: 'SEALPOST_AUDIT_SIGNING_KEY_FILE must be a file path' })
  SEALPOST_AUDIT_SIGNING_KEY_FILE?: string;

  @Type(() => Number)
  @IsInt({ message: 'SEALPOST_AUDIT_CHECKPOINT_EVERY must be an integer from 1 to 100000' })
  @Min(1, { message: 'SEALPOST_AUDIT_CHECKPOINT_EVERY must be an integer from 1 to 100000' })
  @Max(100000, { message: 'SEALPOST_AUDIT_CHECKPOINT_EVERY must be an integer from 1 to 100000' })
  SEALPOST_AUDIT_CHECKPOINT_EVERY: number = 100;

  @IsIsoDuration({ minMs: 1000 }, { message: 'SEALPOST_AUDIT_CHECKPOINT_INTERVAL must be an ISO-8601 duration of at least PT1S' })
  SEALPOST_AUDIT_CHECKPOINT_INTERVAL: string = 'PT1M';

  /** how long audit events are kept; expiry keeps each event's place (seq, hashes) in the chain */
  @IsIsoDuration({ minMs: 1000 }, { message: 'SEALPOST_AUDIT_RETENTION must be an ISO-8601 duration of at least PT1S, e.g. P365D' })
  SEALPOST_AUDIT_RETENTION: string = 'P365D';
}
