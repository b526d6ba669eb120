import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sealpost/platform';
import { DeliveryEnv } from './config/delivery.env';

@Module({
  imports: [ServiceCoreModule.forService({ service: 'delivery', env: DeliveryEnv })],
})
export class DeliveryModule {}
