import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { storeAnswers } from '@sealpost/persistence';

/**
 * Up when the store answers a ping in time. Terminus's mongoose check reads mongoose's cached
 * connection state, which can stay "disconnected" after the store restarts although queries
 * work again (seen under load with FerretDB): a service would report not-ready for good.
 */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    try {
      await storeAnswers(this.connection, timeoutMs);
      return check.up();
    } catch (err) {
      return check.down((err as Error).message);
    }
  }
}
