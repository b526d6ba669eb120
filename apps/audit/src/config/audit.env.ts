import { BaseEnv, IsPort } from '@sealpost/platform';

/** The audit service's configuration (CONTRACT §2); nothing else in this app reads process.env. */
export class AuditEnv extends BaseEnv {
  @IsPort('SEALPOST_AUDIT_PORT')
  SEALPOST_AUDIT_PORT: number = 3005;
}
