import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@sealpost/kafka';
import { HealthReportFilter } from './health-report.filter';
import { ReadinessChecks } from './readiness-checks';
import { StoreHealthIndicator } from './store.health';

@ApiTags('health')
@UseFilters(HealthReportFilter)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly extra: ReadinessChecks,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** 200 while the process runs. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 200 only when both Kafka and the MongoDB store answer, and every check the service added passes; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    const added = this.extra.entries().map(([name, check]) => () => {
      const problem = check();
      return problem === undefined ? this.indicators.check(name).up() : this.indicators.check(name).down({ message: problem });
    });
    return this.health.check([() => this.store.isHealthy('mongodb', 1500), () => this.kafka.isHealthy('kafka', 1500), ...added]);
  }
}
