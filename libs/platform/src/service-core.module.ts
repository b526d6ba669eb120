import { DynamicModule, Global, Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { kafkaPasswordVariable, ServiceName } from '@sealpost/contracts';
import { KafkaModule } from '@sealpost/kafka';
import { ObservabilityModule, SERVICE_NAME } from '@sealpost/observability';
import { PersistenceModule } from '@sealpost/persistence';
import { ADMIN_TOKEN, resolveAdminToken } from './admin/admin-token';
import { AdminCallAuditInterceptor } from './admin/admin-call-audit.interceptor';
import { AdminDenials } from './admin/admin-denials';
import { AdminTokenGuard } from './admin/admin-token.guard';
import { BaseEnv } from './config/base-env';
import { validateEnv } from './config/validate-env';
import { CloudApiExceptionFilter } from './errors/cloud-api-exception.filter';
import { findKafkaIdentity } from './secrets/kafka-credential';
import { validationExceptionFactory } from './errors/validation-exception.factory';

export interface ServiceCoreOptions<E extends BaseEnv> {
  service: ServiceName;
  env: new () => E;
}

/**
 * Everything a Sealpost service has in common: validated config, logs, health, metrics,
 * admin guard, Cloud-API error shape, its Kafka connection and its own database.
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forService<E extends BaseEnv>({ service, env }: ServiceCoreOptions<E>): DynamicModule {
    const name = { provide: SERVICE_NAME, useValue: service };
    const config = ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (raw) => validateEnv(env, raw) });
    // forRoot validates while the module file loads; Nest awaits the promise during start-up and
    // reports a bad variable there. Marking it handled now keeps Node from crashing first.
    config.catch(() => undefined);
    return {
      module: ServiceCoreModule,
      imports: [
        config,
        ObservabilityModule,
        KafkaModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            service,
            brokers: config.getOrThrow<string>('KAFKA_BROKERS').split(','),
            identity: findKafkaIdentity(service, config.get<string>(kafkaPasswordVariable(service)), config.getOrThrow<string>('SEALPOST_DATA_DIR')),
          }),
        }),
        PersistenceModule.forService(service),
      ],
      providers: [
        name,
        {
          provide: ADMIN_TOKEN,
          inject: [ConfigService],
          useFactory: (config: ConfigService<BaseEnv, true>) =>
            resolveAdminToken(config.get('SEALPOST_ADMIN_TOKEN', { infer: true }), config.get('SEALPOST_DATA_DIR', { infer: true })),
        },
        AdminTokenGuard,
        AdminDenials,
        AdminCallAuditInterceptor,
        { provide: APP_FILTER, useClass: CloudApiExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }),
        },
      ],
      exports: [name, ADMIN_TOKEN, AdminTokenGuard, AdminDenials, AdminCallAuditInterceptor, ObservabilityModule],
    };
  }
}
