import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { KafkaRuntime } from '@sealpost/kafka';
import { parseIsoDuration } from '@sealpost/platform';
import { RetentionEnv } from '../config/retention.env';
import { StartSweepUseCase } from './start-sweep/start-sweep.use-case';

/** Runs a sweep every SEALPOST_RETENTION_SWEEP_INTERVAL. */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweepScheduler.name);
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly startSweep: StartSweepUseCase,
    private readonly kafka: KafkaRuntime,
    config: ConfigService<RetentionEnv, true>,
  ) {
    this.intervalMs = parseIsoDuration(config.get('SEALPOST_RETENTION_SWEEP_INTERVAL', { infer: true }))!;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (!this.kafka.isConnected) return;
    try {
      await this.startSweep.execute('schedule');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'scheduled sweep could not start; next interval retries');
    }
  }
}
