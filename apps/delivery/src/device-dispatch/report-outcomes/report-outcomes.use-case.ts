import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StatusError } from '@sealpost/contracts';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { uniqueBy } from '@sealpost/platform';
import { AdvanceStatusUseCase } from '../../status/advance-status/advance-status.use-case';
import { DeviceJob } from '../device-job.schema';

type SettledJob = Pick<DeviceJob, 'job_id' | 'message_id' | 'business_id' | 'expires_at' | 'state' | 'failure'>;

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

  /** `token`: the lease token the jobs were settled under; absent when recovering them one by one. */
  async execute(settled: readonly SettledJob[], token?: string): Promise<void> {
    const deliveredJobs = uniqueBy(settled.filter((j) => j.state === 'delivered'), (j) => j.message_id);
    const delivered = new Set(deliveredJobs.map((j) => j.message_id));
    // normally each was `sent`; one that is not (a receipt outran us, a recovery) takes the careful path
    await this.advanceStatus.executeMany(deliveredJobs.map((j) => ({ message: j, from: 'sent', target: 'delivered' })));
    const failed = new Map<string, StatusError>();
    for (const job of settled) if (job.state === 'failed' && job.failure && !delivered.has(job.message_id)) failed.set(job.message_id, job.failure);
    for (const [messageId, error] of failed) {
      const hope = await this.jobs.exists({ message_id: messageId, state: { $in: ['sending', 'pending', 'delivered'] } }).exec();
      if (!hope) await this.advanceStatus.execute(messageId, 'failed', [error]);
    }
    const reported = { $set: { report_due_at: null, report_pending: false, report_token: null } };
    if (token) {
      await this.jobs.updateMany({ report_token: token }, reported).exec();
      return;
    }
    for (const slice of chunks(settled)) await boundedBulkWrite(this.jobs, slice.map((j) => ({ updateOne: { filter: { _id: j.job_id }, update: reported } })));
  }

  async recover(): Promise<number> {
    const stale = await this.jobs
      .find({ report_pending: true, report_due_at: { $lt: new Date(Date.now() - GRACE_MS) } }, { job_id: 1, message_id: 1, business_id: 1, expires_at: 1, state: 1, failure: 1 })
      .limit(100)
      .lean()
      .exec();
    if (stale.length > 0) await this.execute(stale);
    return stale.length;
  }
}
