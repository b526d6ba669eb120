import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DispatchOwnership, Tenure } from '../dispatch/dispatch-ownership';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { KeyedDispatcher } from '../dispatch/keyed-dispatcher';
import { DeliverBatchUseCase } from './deliver-batch/deliver-batch.use-case';
import { DeviceJob } from './device-job.schema';
import { ReportOutcomesUseCase } from './report-outcomes/report-outcomes.use-case';

const RECOVERY_EVERY_MS = 5000;

/**
 * Drains due device jobs, one worker per endpoint. Outcomes stored but not yet reported as
 * message statuses (a process died in between) are reported by the periodic recovery.
 */
@Injectable()
export class DeviceDispatcher extends KeyedDispatcher<DeviceJob> {
  private lastRecovery = 0;

  constructor(
    @InjectModel(DeviceJob.name) jobs: Model<DeviceJob>,
    private readonly deliver: DeliverBatchUseCase,
    private readonly reportOutcomes: ReportOutcomesUseCase,
    ownership: DispatchOwnership,
    signals: DispatchSignals,
  ) {
    super(jobs, 'endpoint_url', ownership, signals, 'device');
  }

  protected drain(endpoint: string, tenure: Tenure): Promise<void> {
    return this.deliver.drain(endpoint, tenure);
  }

  protected async beforeTick(): Promise<void> {
    if (Date.now() - this.lastRecovery < RECOVERY_EVERY_MS) return;
    this.lastRecovery = Date.now();
    await this.reportOutcomes.recover();
  }
}
