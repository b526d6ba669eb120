import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { StatusError } from '@sealpost/contracts';
import { DeliveryTiming } from '../config/delivery-timing';
import { AttemptVerdict, classifyAttempt } from '../dispatch/attempt-outcome';
import { scheduleRetry } from '../dispatch/backoff';
import { DeliveryMetrics } from '../dispatch/delivery-metrics';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { errorSummary } from '../dispatch/error-summary';
import { GracefulStop } from '../dispatch/graceful-stop';
import { postJson } from '../dispatch/post-json';
import { AdvanceStatusUseCase, StatusMove } from '../status/advance-status/advance-status.use-case';
import { AnnouncedMessage } from '../status/status-announcer';
import { STATUS_ERRORS } from '../status/status-errors';
import { deviceBatchBody } from './device-batch';
import { DeviceJob } from './device-job.schema';
import { DirectJobs } from './direct-jobs';

/** accepted batches whose POSTs may be under way at once; the next batch waits for one to end */
const BATCHES_IN_FLIGHT = 4;

/** One POST of a batch: up to 100 jobs for one endpoint, stored `sending` under its own lease token. */
export interface DirectPost {
  endpointUrl: string;
  token: string;
  leaseUntil: Date;
  jobs: DeviceJob[];
}

/** A message of the batch with a job in some POST; `queuedElsewhere`: it also has a job the poller sends. */
export interface DirectMessage {
  message: AnnouncedMessage;
  queuedElsewhere: boolean;
}

type PostVerdict = AttemptVerdict | 'not-sent';

interface PostOutcome {
  post: DirectPost;
  verdict: PostVerdict;
  failure?: StatusError;
  /** when the poller may send it (retry, or not sent behind a retry): absent for now */
  retryAt?: Date;
}

/**
 * Sends an accepted batch's jobs to their devices straight away, without the poller's claims:
 * the jobs were stored leased, so nobody else sends them meanwhile. The Kafka handler only waits
 * while too many batches are in flight; each batch's POSTs run concurrently, one at a time per
 * endpoint and in order, and the batch's outcome is stored once they are all answered: one
 * status move per message, one delete per settled POST. A POST to retry (or one queued behind
 * it, to keep the order) goes to the poller with its backoff, as does anything left at shutdown.
 */
@Injectable()
export class DirectDispatch implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(DirectDispatch.name);
  /** per endpoint: the outcome of the last POST queued for it */
  private readonly queues = new Map<string, Promise<PostOutcome>>();
  private readonly batches = new Set<Promise<void>>();
  private readonly stop = new GracefulStop('direct device batches', this.logger);

  constructor(
    private readonly timing: DeliveryTiming,
    private readonly directJobs: DirectJobs,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly metrics: DeliveryMetrics,
    private readonly signals: DispatchSignals,
  ) {}

  /** False once shutting down: new jobs then go to the poller instead. */
  get accepting(): boolean {
    return !this.stop.stopping;
  }

  /** Starts the POSTs without waiting for them; waits only while BATCHES_IN_FLIGHT batches are under way. */
  async start(posts: readonly DirectPost[], messages: ReadonlyMap<string, DirectMessage>): Promise<void> {
    while (this.batches.size >= BATCHES_IN_FLIGHT) await Promise.race(this.batches);
    const batch = this.send(posts, messages)
      .catch((err: unknown) => this.logger.warn(errorSummary(err), 'outcome of a direct batch not stored; its jobs go out again once their lease lapses'))
      .finally(() => this.batches.delete(batch));
    this.batches.add(batch);
  }

  /** Before any shutdown hook, beside the pollers' own wait (see GracefulStop). */
  beforeApplicationShutdown(): void {
    this.stop.begin(Promise.all(this.batches));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop.finished();
  }

  private async send(posts: readonly DirectPost[], messages: ReadonlyMap<string, DirectMessage>): Promise<void> {
    const outcomes = await Promise.all(posts.map((post) => this.enqueue(post)));
    const settled: string[] = [];
    const delivered = new Set<string>();
    const waiting = new Set<string>();
    const failures = new Map<string, StatusError>();
    for (const outcome of outcomes) {
      const ids = outcome.post.jobs.map((j) => j.message_id);
      const failure = outcome.verdict === 'final' ? outcome.failure : outcome.verdict === 'success' ? undefined : await this.handBack(outcome);
      if (outcome.verdict === 'success') ids.forEach((id) => delivered.add(id));
      else if (!failure) ids.forEach((id) => waiting.add(id));
      else ids.forEach((id) => failures.set(id, failures.get(id) ?? failure));
      if (outcome.verdict === 'success' || failure) settled.push(outcome.post.token);
    }
    const moves: StatusMove[] = [...messages.values()].map(({ message, queuedElsewhere }) => {
      const id = message.message_id;
      if (delivered.has(id)) return { message, from: 'accepted', target: 'delivered' };
      if (waiting.has(id) || queuedElsewhere) return { message, from: 'accepted', target: 'sent' };
      return { message, from: 'accepted', target: 'failed', errors: [failures.get(id) ?? STATUS_ERRORS.retentionEnded] };
    });
    await this.advanceStatus.executeMany(moves, settled);
    if (waiting.size > 0) this.signals.notify('device');
  }

  /**
   * A POST not delivered and not refused goes back to the poller, due at its retry time (or now,
   * if it never went out and nothing before it waits). Resolves with a failure instead when its
   * retries would outlive the message's retention.
   */
  private async handBack({ post, verdict, retryAt }: PostOutcome): Promise<StatusError | undefined> {
    if (verdict === 'retry' && !retryAt) return STATUS_ERRORS.retentionEnded;
    await this.directJobs.release(post.token, verdict === 'retry' ? { attempts: 1, next_attempt_at: retryAt } : retryAt ? { next_attempt_at: retryAt } : {});
    return undefined;
  }

  /** Queues the POST behind the last one for its endpoint; one behind a POST that went to the poller follows it there. */
  private enqueue(post: DirectPost): Promise<PostOutcome> {
    const before = this.queues.get(post.endpointUrl);
    const outcome = (before ?? Promise.resolve(undefined)).then((previous) =>
      previous && (previous.verdict === 'retry' || previous.verdict === 'not-sent') ? notSent(post, previous.retryAt) : this.post(post),
    );
    this.queues.set(post.endpointUrl, outcome);
    void outcome.finally(() => {
      if (this.queues.get(post.endpointUrl) === outcome) this.queues.delete(post.endpointUrl);
    });
    return outcome;
  }

  private async post(post: DirectPost): Promise<PostOutcome> {
    // too little lease left to store the outcome before the poller may take the jobs: let it
    if (this.stop.stopping || post.leaseUntil.getTime() - Date.now() < this.timing.directPostMarginMs) return notSent(post);
    const result = await postJson(post.endpointUrl, deviceBatchBody(post.jobs), this.timing.deviceTimeoutMs);
    const verdict = classifyAttempt(result);
    this.metrics.devicePost(verdict, post.jobs.length);
    if (verdict !== 'success') this.logger.warn({ jobs: post.jobs.length, verdict, ...(result.kind === 'answered' ? { http_status: result.status } : { failure: result.reason }) }, 'device POST');
    if (verdict === 'final') return { post, verdict, failure: STATUS_ERRORS.refusedBy((result as { status: number }).status) };
    if (verdict === 'success') return { post, verdict };
    const expiresAt = new Date(Math.min(...post.jobs.map((j) => j.expires_at.getTime())));
    const next = scheduleRetry(1, this.timing.retry, expiresAt);
    return { post, verdict, ...('retryAt' in next && { retryAt: next.retryAt }) };
  }
}

function notSent(post: DirectPost, retryAt?: Date): PostOutcome {
  return { post, verdict: 'not-sent', retryAt };
}
