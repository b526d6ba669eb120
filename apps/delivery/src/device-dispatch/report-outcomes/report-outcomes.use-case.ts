import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StatusError } from '@sealpost/contracts';
import { AdvanceStatusUseCase } from '../../status/advance-status/advance-status.use-case';
import { DeviceJob } from '../device-job.schema';

type SettledJob = Pick<DeviceJob, 'job_id' | 'message_id' | 'state' | 'failure'>;

/** a live report normally takes milliseconds; past this its process is presumed dead */
const GRACE_MS = 30000;

/**
 * Turns settled device jobs into message statuses: delivered as soon as one device has it,
 * failed only once no device has it or may still get it. Jobs keep `report_due_at` until
 * this is done, so outcomes a killed process never reported are reported by `recover`.
 */
@Injectable()
export class ReportOutcomesUseCase {
  constructor(
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly advanceStatus: AdvanceStatusUseCase,
  ) {}

  async execute(settled: readonly SettledJob[]): Promise<void> {
    const delivered = new Set(settled.filter((j) => j.state === 'delivered').map((j) => j.message_id));
    for (const messageId of delivered) await this.advanceStatus.execute(messageId, 'delivered');
    const failed = new Map<string, StatusError>();
    for (const job of settled) if (job.state === 'failed' && job.failure && !delivered.has(job.message_id)) failed.set(job.message_id, job.failure);
    for (const [messageId, error] of failed) {
      const hope = await this.jobs.exists({ message_id: messageId, state: { $in: ['pending', 'delivered'] } }).exec();
      if (!hope) await this.advanceStatus.execute(messageId, 'failed', [error]);
    }
    await this.jobs.updateMany({ job_id: { $in: settled.map((j) => j.job_id) } }, { $set: { report_due_at: null } }).exec();
  }

  async recover(): Promise<number> {
    const stale = await this.jobs
      .find({ report_due_at: { $lt: new Date(Date.now() - GRACE_MS) } }, { job_id: 1, message_id: 1, state: 1, failure: 1 })
      .limit(100)
      .lean()
      .exec();
    if (stale.length > 0) await this.execute(stale);
    return stale.length;
  }
}
