import 'reflect-metadata';
import { bootstrapService } from '@sealpost/platform';
import { IngestionModule } from './ingestion.module';

void bootstrapService('ingestion', IngestionModule, 'Business accounts, the send API, the Kafka submit consumer and message status');
