import 'reflect-metadata';
import { bootstrapService } from '@sealpost/platform';
import { AuditModule } from './audit.module';

void bootstrapService('audit', AuditModule, 'Append-only, hash-chained, signed audit log');
