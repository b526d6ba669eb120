import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StatusError } from '@sealpost/contracts';
import { DeliveryTiming } from '../../config/delivery-timing';
import { AttemptResult, classifyAttempt } from '../../dispatch/attempt-outcome';
import { scheduleRetry } from '../../dispatch/backoff';
import { claimDue, RELEASED } from '../../dispatch/lease';
import { postJson } from '../../dispatch/post-json';
import { AdvanceStatusUseCase } from '../../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../../status/status-errors';
import { deviceBatchBody, MAX_MESSAGES_PER_POST } from '../device-batch';
import { DeviceJob } from '../device-job.schema';

/**
 * Delivers what is due for one device endpoint, a batch of up to 100 at a time, until nothing
 * is due or the endpoint stops answering. Every outcome is stored before the next batch.
 */
@Injectable()
export class DeliverBatchUseCase {
  private readonly logger = new Logger(DeliverBatchUseCase.name);

  constructor(
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly timing: DeliveryTiming,
    private readonly advanceStatus: AdvanceStatusUseCase,
  ) {}

  async drain(endpointUrl: string): Promise<void> {
    const leaseMs = this.timing.leaseMs(this.timing.deviceTimeoutMs);
    for (;;) {
      const { token, items } = await claimDue(this.jobs, 'job_id', { endpoint_url: endpointUrl }, MAX_MESSAGES_PER_POST, leaseMs);
      if (items.length === 0) return;
      const result = await postJson(endpointUrl, deviceBatchBody(items), this.timing.deviceTimeoutMs);
      const verdict = classifyAttempt(result);
      this.logger[verdict === 'success' ? 'debug' : 'warn']({ jobs: items.length, verdict, ...describe(result) }, 'device POST');
      if (verdict === 'success') {
        await this.delivered(endpointUrl, items, token);
      } else if (verdict === 'final') {
        await this.fail(items, token, STATUS_ERRORS.refusedBy((result as { status: number }).status));
      } else {
        await this.retryLater(items, token);
        return; // the endpoint is unwell: leave the rest to its schedule
      }
    }
  }

  private async delivered(endpointUrl: string, items: DeviceJob[], token: string): Promise<void> {
    await this.jobs.updateMany({ job_id: { $in: items.map((j) => j.job_id) }, lease_token: token }, { $set: { state: 'delivered', sealed: null, ...RELEASED } }).exec();
    // the endpoint answers again: what waits in backoff for it need not wait any longer
    const now = new Date();
    await this.jobs.updateMany({ endpoint_url: endpointUrl, state: 'pending', next_attempt_at: { $gt: now } }, { $set: { next_attempt_at: now } }).exec();
    for (const messageId of new Set(items.map((j) => j.message_id))) await this.advanceStatus.execute(messageId, 'delivered');
  }

  /** Durable backoff per job; a job whose next try would come after its retention fails instead. */
  private async retryLater(items: DeviceJob[], token: string): Promise<void> {
    const expired: DeviceJob[] = [];
    for (const job of items) {
      const attempts = job.attempts + 1;
      const next = scheduleRetry(attempts, this.timing.retry, job.expires_at);
      if ('giveUp' in next) expired.push(job);
      else await this.jobs.updateOne({ job_id: job.job_id, lease_token: token }, { $set: { attempts, next_attempt_at: next.retryAt, ...RELEASED } }).exec();
    }
    if (expired.length > 0) await this.fail(expired, token, STATUS_ERRORS.retentionEnded);
  }

  /** A message fails only once none of its devices has it or may still get it. */
  private async fail(items: DeviceJob[], token: string, error: StatusError): Promise<void> {
    await this.jobs.updateMany({ job_id: { $in: items.map((j) => j.job_id) }, lease_token: token }, { $set: { state: 'failed', sealed: null, ...RELEASED }, $inc: { attempts: 1 } }).exec();
    for (const messageId of new Set(items.map((j) => j.message_id))) {
      const hope = await this.jobs.exists({ message_id: messageId, state: { $in: ['pending', 'delivered'] } }).exec();
      if (!hope) await this.advanceStatus.execute(messageId, 'failed', [error]);
    }
  }
}

function describe(result: AttemptResult): Record<string, string | number> {
  return result.kind === 'answered' ? { http_status: result.status } : { failure: result.reason };
}
