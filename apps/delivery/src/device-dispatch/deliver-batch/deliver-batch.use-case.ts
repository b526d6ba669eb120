import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StatusError } from '@sealpost/contracts';
import { uniqueBy } from '@sealpost/platform';
import { DeliveryTiming } from '../../config/delivery-timing';
import { AttemptResult, classifyAttempt } from '../../dispatch/attempt-outcome';
import { scheduleRetry } from '../../dispatch/backoff';
import { DeliveryMetrics } from '../../dispatch/delivery-metrics';
import type { Tenure } from '../../dispatch/dispatch-ownership';
import { drainDue } from '../../dispatch/lease';
import { RELEASED } from '../../dispatch/released';
import { storeOutcome } from '../../dispatch/store-outcome';
import { OutboundPost } from '../../dispatch/outbound-post';
import { AdvanceStatusUseCase, StatusMove } from '../../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../../status/status-errors';
import { deviceBatchBody, MAX_MESSAGES_PER_POST } from '../device-batch';
import { DeviceJob } from '../device-job.schema';
import { ReportOutcomesUseCase } from '../report-outcomes/report-outcomes.use-case';

/**
 * Delivers what is due for one device endpoint, up to 100 messages per POST, until nothing is
 * due or the endpoint stops answering. Each outcome is stored before the next batch goes out.
 */
@Injectable()
export class DeliverBatchUseCase {
  private readonly logger = new Logger(DeliverBatchUseCase.name);
  /** endpoints whose last POST from this process failed: their next success releases the jobs in backoff */
  private readonly failing = new Set<string>();

  constructor(
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly timing: DeliveryTiming,
    private readonly reportOutcomes: ReportOutcomesUseCase,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly metrics: DeliveryMetrics,
    private readonly outbound: OutboundPost,
  ) {}

  /**
   * Not the jobs of a POST answered whose marker waits to be carried out: their lease may have
   * lapsed (a process stopped in between, or a slow store), but the device has them.
   */
  async drain(endpointUrl: string, tenure: Tenure): Promise<void> {
    const marked = await this.advanceStatus.markedJobTokens();
    const scope = { endpoint_url: endpointUrl, ...(marked.length > 0 && { lease_token: { $nin: marked } }) };
    const lease = { perPost: MAX_MESSAGES_PER_POST, leaseMs: this.timing.deviceLeaseMs, tenure };
    await drainDue(this.jobs, 'job_id', scope, lease, (items, token) => this.post(endpointUrl, items, token));
  }

  /** One POST of leased jobs and its outcome stored; false when the endpoint is unwell (the rest waits for its schedule). */
  private async post(endpointUrl: string, items: DeviceJob[], token: string): Promise<boolean> {
    const result = await this.outbound.post(endpointUrl, deviceBatchBody(items), this.timing.deviceTimeoutMs);
    const verdict = classifyAttempt(result);
    this.metrics.devicePost(verdict, items.length);
    this.logger[verdict === 'success' ? 'debug' : 'warn']({ jobs: items.length, verdict, ...describe(result) }, 'device POST');
    if (verdict === 'success') await this.delivered(endpointUrl, items, token);
    else if (verdict === 'final') await this.fail(items, token, STATUS_ERRORS.refusedByDevice);
    else {
      await this.retryLater(items, token);
      return false;
    }
    return true;
  }

  /**
   * Stored as a direct batch's outcome is: one status move per message and one delete of the
   * POST's jobs, under a marker (see AdvanceStatusUseCase.executeMany), retried through a store outage.
   */
  private async delivered(endpointUrl: string, items: DeviceJob[], token: string): Promise<void> {
    const moves: StatusMove[] = uniqueBy(items, (j) => j.message_id).map((job) => ({ message: job, from: 'sent', target: 'delivered' }));
    await storeOutcome(() => this.advanceStatus.executeMany(moves, [token]), this.logger, 'device delivery');
    // the endpoint answers again: what waits in backoff for it need not wait any longer
    if (this.failing.delete(endpointUrl)) {
      const now = new Date();
      await this.jobs.updateMany({ endpoint_url: endpointUrl, state: 'pending', next_attempt_at: { $gt: now } }, { $set: { next_attempt_at: now } }).exec();
    }
  }

  /** Durable backoff per job; a job whose next try would come after its retention fails instead. */
  private async retryLater(items: DeviceJob[], token: string): Promise<void> {
    this.failing.add(items[0]!.endpoint_url);
    const expired: DeviceJob[] = [];
    for (const job of items) {
      const attempts = job.attempts + 1;
      const next = scheduleRetry(attempts, this.timing.retry, job.expires_at);
      if ('giveUp' in next) expired.push(job);
      else await this.jobs.updateOne({ job_id: job.job_id, lease_token: token }, { $set: { attempts, next_attempt_at: next.retryAt, ...RELEASED } }).exec();
    }
    if (expired.length > 0) await this.fail(expired, token, STATUS_ERRORS.retentionEnded);
  }

  private async fail(items: DeviceJob[], token: string, failure: StatusError): Promise<void> {
    await storeOutcome(
      () => this.jobs.updateMany({ job_id: { $in: items.map((j) => j.job_id) }, lease_token: token }, { $set: { state: 'failed', sealed: null, failure, report_due_at: new Date(), report_pending: true, report_token: token, ...RELEASED }, $inc: { attempts: 1 } }).exec(),
      this.logger,
      'device failure',
    );
    await this.reportOutcomes.execute(items.map((j) => ({ ...j, state: 'failed' as const, failure })), token);
  }
}

function describe(result: AttemptResult): Record<string, string | number> {
  return result.kind === 'answered' ? { http_status: result.status } : { failure: result.reason };
}
