import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { LoggingModule } from './logging.module';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { ReadinessChecks } from './readiness-checks';
import { SERVICE_NAME } from './service-name';
import { StoreHealthIndicator } from './store.health';

/** Logs, /metrics and /health for one service. */
@Module({
  imports: [LoggingModule, TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [{ provide: MetricsRegistry, inject: [SERVICE_NAME], useFactory: (service: string) => new MetricsRegistry(service) }, StoreHealthIndicator, ReadinessChecks],
  exports: [MetricsRegistry, ReadinessChecks],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
