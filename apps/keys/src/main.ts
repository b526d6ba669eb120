import 'reflect-metadata';
import { bootstrapService } from '@sealpost/platform';
import { KeysModule } from './keys.module';

void bootstrapService('keys', KeysModule, 'Key hierarchy: root key, key-encryption keys, data keys; issue, unwrap, rotate, destroy');
