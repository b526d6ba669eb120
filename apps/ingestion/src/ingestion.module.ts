import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sealpost/platform';
import { IngestionEnv } from './config/ingestion.env';

@Module({
  imports: [ServiceCoreModule.forService({ service: 'ingestion', env: IngestionEnv })],
})
export class IngestionModule {}
