import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { errorSummary } from '../dispatch/error-summary';
import { KeyedWorkers } from '../dispatch/keyed-workers';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { dueKeys } from '../dispatch/lease';
import { PollLoop } from '../dispatch/poll-loop';
import { DeliverBatchUseCase } from './deliver-batch/deliver-batch.use-case';
import { DeviceJob } from './device-job.schema';
import { ReportOutcomesUseCase } from './report-outcomes/report-outcomes.use-case';

/** fallback poll: new work wakes the loop at once (DispatchSignals) */
const POLL_MS = 1000;
const CONCURRENT_ENDPOINTS = 8;
const RECOVERY_EVERY_MS = 5000;

/**
 * Finds device endpoints with due jobs and drains each with one worker. The schedule lives in
 * the database, so a restart (even SIGKILL) resumes it: an unfinished job's lease runs out,
 * and outcomes stored but not yet reported as message statuses are reported by recovery.
 */
@Injectable()
export class DeviceDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeviceDispatcher.name);
  private readonly workers = new KeyedWorkers(CONCURRENT_ENDPOINTS, (err) => this.logger.warn(errorSummary(err), 'device delivery worker failed; its jobs wait for their lease to expire'));
  private lastRecovery = 0;
  private readonly loop = new PollLoop(() => this.tick(), POLL_MS, (err) => this.logger.warn(errorSummary(err), 'device dispatch poll failed'));

  constructor(
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly deliver: DeliverBatchUseCase,
    private readonly reportOutcomes: ReportOutcomesUseCase,
    signals: DispatchSignals,
  ) {
    signals.on('device', () => this.loop.wake());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.workers.idle();
  }

  private async tick(): Promise<void> {
    if (Date.now() - this.lastRecovery >= RECOVERY_EVERY_MS) {
      this.lastRecovery = Date.now();
      await this.reportOutcomes.recover();
    }
    if (this.workers.full) return;
    for (const endpoint of await dueKeys(this.jobs, 'endpoint_url')) {
      if (this.workers.full) break;
      this.workers.start(endpoint, () => this.deliver.drain(endpoint));
    }
  }
}
