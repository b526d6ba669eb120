import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv, IsIsoDuration, IsPort } from '@sealpost/platform';

/** The audit service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class AuditEnv extends BaseEnv {
  @IsPort('SEALPOST_AUDIT_PORT')
  SEALPOST_AUDIT_PORT: number = 3005;

  /** Unset: <SEALPOST_DATA_DIR>/audit-signing.key, created with its folder. Set: the folder must exist. */
  @IsOptional()
  @IsString({ message: 'SEALPOST_AUDIT_SIGNING_KEY_FILE must be a file path' })
  SEALPOST_AUDIT_SIGNING_KEY_FILE?: string;

  /**
   * The key checkpoints are verified with (raw 32-byte Ed25519, base64url). Unset: the public half
   * of the signing key. Never the key a stored checkpoint names, which the store's writer controls.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'SEALPOST_AUDIT_PUBLIC_KEY must be a raw Ed25519 public key in base64url (43 characters), e.g. the public_key of a checkpoint you signed' })
  SEALPOST_AUDIT_PUBLIC_KEY?: string;

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
