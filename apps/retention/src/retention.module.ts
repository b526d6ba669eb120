import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sealpost/platform';
import { RetentionEnv } from './config/retention.env';

@Module({
  imports: [ServiceCoreModule.forService({ service: 'retention', env: RetentionEnv })],
})
export class RetentionModule {}
