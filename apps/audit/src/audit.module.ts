import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sealpost/platform';
import { AuditEnv } from './config/audit.env';

@Module({
  imports: [ServiceCoreModule.forService({ service: 'audit', env: AuditEnv })],
})
export class AuditModule {}
