import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@sealpost/kafka';
import { HealthReportFilter } from './health-report.filter';
import { StoreHealthIndicator } from './store.health';

@ApiTags('health')
@UseFilters(HealthReportFilter)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** 200 while the process runs. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 200 only when both Kafka and the MongoDB store answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.store.isHealthy('mongodb', 1500), () => this.kafka.isHealthy('kafka', 1500)]);
  }
}
