import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { kafkaClientProvider } from './kafka-client.provider';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { KafkaPublisher } from './kafka-publisher';
import { AuditTrail } from './audit-trail';
import { KafkaRuntime } from './kafka-runtime';
import { KafkaHealthIndicator } from './kafka.health';

@Global()
@Module({})
export class KafkaModule {
  static forRootAsync(options: { inject: unknown[]; useFactory: (...args: never[]) => KafkaOptions }): DynamicModule {
    return {
      module: KafkaModule,
      imports: [TerminusModule],
      providers: [
        { provide: KAFKA_OPTIONS, inject: options.inject as never[], useFactory: options.useFactory },
        kafkaClientProvider,
        KafkaPublisher,
        KafkaRuntime,
        KafkaHealthIndicator,
        AuditTrail,
      ],
      exports: [KafkaPublisher, KafkaRuntime, KafkaHealthIndicator, AuditTrail, KAFKA_OPTIONS],
    };
  }
}
