import 'reflect-metadata';
import { bootstrapService } from '@sealpost/platform';
import { RetentionModule } from './retention.module';

void bootstrapService('retention', RetentionModule, 'Retention policies, sweeps and erasure requests');
