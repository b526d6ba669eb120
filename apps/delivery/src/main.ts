import 'reflect-metadata';
import { bootstrapService } from '@sealpost/platform';
import { DeliveryModule } from './delivery.module';

void bootstrapService('delivery', DeliveryModule, 'Device registry, sealed delivery to devices, receipts and status webhooks');
