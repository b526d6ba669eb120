import { BaseEnv, IsPort } from '@sealpost/platform';

/** The retention service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class RetentionEnv extends BaseEnv {
  @IsPort('SEALPOST_RETENTION_PORT')
  SEALPOST_RETENTION_PORT: number = 3004;
}
