import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { StatusError } from '@sealpost/contracts';
import { GroupCommit } from '@sealpost/persistence';
import { DeliveryTiming } from '../config/delivery-timing';
import { AttemptVerdict, classifyAttempt } from '../dispatch/attempt-outcome';
import { scheduleRetry } from '../dispatch/backoff';
import { DeliveryMetrics } from '../dispatch/delivery-metrics';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { errorSummary } from '../dispatch/error-summary';
import { GracefulStop } from '../dispatch/graceful-stop';
import { OutboundPost } from '../dispatch/outbound-post';
import { storeOutcome } from '../dispatch/store-outcome';
import { AdvanceStatusUseCase, StatusMove } from '../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../status/status-errors';
import { AnsweredPosts, PostFate } from './answered-posts';
import { deviceBatchBody } from './device-batch';
import { DirectMessage, DirectPost } from './direct-post';
import { DirectJobs } from './direct-jobs';

/** accepted batches whose POSTs may be under way at once; the next batch waits for one to end */
const BATCHES_IN_FLIGHT = 4;
/** noted markers whose moves are still to be made before further POSTs wait for them */
const MARKERS_AHEAD = 4;

/** One answered POST's effect: the moves it decided, and its token when its jobs are done. */
interface StoredOutcome {
  moves: StatusMove[];
  settledTokens: string[];
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
 * endpoint and in order, and each POST's outcome is stored as it is answered: one status move
 * per message once all its POSTs are answered, one delete per settled POST. A POST to retry (or
 * one queued behind it, to keep the order) goes to the poller with its backoff, as does anything
 * left at shutdown.
 */
@Injectable()
export class DirectDispatch implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(DirectDispatch.name);
  /** per endpoint: the outcome of the last POST queued for it */
  private readonly queues = new Map<string, Promise<PostOutcome>>();
  private readonly batches = new Set<Promise<void>>();
  private readonly stop = new GracefulStop('direct device batches', this.logger);
  /** a POST's outcome is durable once its marker is noted; making its moves follows, in order, off the POSTs' path */
  private readonly outcomes = new GroupCommit<StoredOutcome>((items) => this.note(items));
  private carryingOut: Promise<void> = Promise.resolve();
  private markersToCarryOut = 0;
  /** the lease tokens of the batches under way: answered POSTs among them may still wait for their marker */
  private readonly underWay = new Set<string>();

  constructor(
    private readonly timing: DeliveryTiming,
    private readonly directJobs: DirectJobs,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly metrics: DeliveryMetrics,
    private readonly signals: DispatchSignals,
    private readonly outbound: OutboundPost,
  ) {}

  /** False once shutting down: new jobs then go to the poller instead. */
  get accepting(): boolean {
    return !this.stop.stopping;
  }

  /**
   * The lease tokens whose POSTs this process may have sent and not yet stored the outcome of: a
   * store slow to take the marker can outlast the lease, and recovery must not hand such jobs to
   * the poller (they would reach their device twice).
   */
  tokensUnderWay(): string[] {
    return [...this.underWay];
  }

  /** Starts the POSTs without waiting for them; waits only while BATCHES_IN_FLIGHT batches are under way. */
  async start(posts: readonly DirectPost[], messages: ReadonlyMap<string, DirectMessage>): Promise<void> {
    while (this.batches.size >= BATCHES_IN_FLIGHT) await Promise.race(this.batches);
    for (const post of posts) this.underWay.add(post.token);
    const batch = this.send(posts, messages)
      .catch((err: unknown) => this.logger.warn(errorSummary(err), 'outcome of a direct batch not stored; its jobs go out again once their lease lapses'))
      .finally(() => {
        for (const post of posts) this.underWay.delete(post.token);
        this.batches.delete(batch);
      });
    this.batches.add(batch);
  }

  /** Before any shutdown hook, beside the pollers' own wait (see GracefulStop). */
  beforeApplicationShutdown(): void {
    // then the moves of the outcomes noted meanwhile: a marker left over waits MARKER_GRACE_MS for recovery
    this.stop.begin(Promise.all(this.batches).then(() => this.carryingOut));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop.finished();
  }

  /**
   * Each POST's outcome is stored as soon as it is answered (with whatever other POSTs were answered
   * meanwhile, in one write), and the next POST to its endpoint waits for that: a process killed
   * mid-batch then resends at most the one POST per endpoint whose answer was not yet stored.
   */
  private async send(posts: readonly DirectPost[], messages: ReadonlyMap<string, DirectMessage>): Promise<void> {
    const answered = new AnsweredPosts(posts, messages);
    const stored = await Promise.allSettled(
      posts.map((post) =>
        this.enqueue(post, async (outcome) => {
          const fate = await this.fateOf(outcome);
          await this.outcomes.commit({ moves: answered.answer(post, fate), settledTokens: fate.kind === 'waiting' ? [] : [post.token] });
        }),
      ),
    );
    if (answered.anyWaiting) this.signals.notify('device');
    const failed = stored.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Stores the outcomes of the POSTs answered together as one marker (through a store outage),
   * then queues making their moves, and returns: between a POST's answer and its marker nothing
   * else may wait, as a process killed then sends that POST again.
   */
  private async note(items: readonly StoredOutcome[]): Promise<void> {
    const moves = items.flatMap((i) => i.moves);
    const tokens = items.flatMap((i) => i.settledTokens);
    if (moves.length === 0 && tokens.length === 0) return;
    const marker = await storeOutcome(() => this.advanceStatus.note(moves, tokens), this.logger, 'outcome of direct device POSTs');
    this.markersToCarryOut++;
    this.carryingOut = this.carryingOut
      .then(() => this.advanceStatus.carryOut(marker, moves, tokens))
      .catch((err: unknown) => this.logger.warn(errorSummary(err), 'moves of direct device POSTs not made; recovery finishes their marker'))
      .finally(() => this.markersToCarryOut--);
  }

  private async fateOf(outcome: PostOutcome): Promise<PostFate> {
    if (outcome.verdict === 'success') return { kind: 'delivered' };
    const failure = outcome.verdict === 'final' ? outcome.failure : await this.handBack(outcome);
    return failure ? { kind: 'failed', failure } : { kind: 'waiting' };
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

  /**
   * Queues the POST behind the last one for its endpoint, and resolves once `store` has stored its
   * outcome; one behind a POST that went to the poller follows it there, and one behind a POST
   * whose outcome could not be stored is not sent (its lease lapses, and the poller sends both).
   */
  private enqueue(post: DirectPost, store: (outcome: PostOutcome) => Promise<void>): Promise<PostOutcome> {
    const before = this.queues.get(post.endpointUrl);
    const outcome = (before ?? Promise.resolve(undefined)).then(async (previous) => {
      const answered = previous && (previous.verdict === 'retry' || previous.verdict === 'not-sent') ? notSent(post, previous.retryAt) : await this.post(post);
      await store(answered);
      return answered;
    });
    this.queues.set(post.endpointUrl, outcome);
    void outcome
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(post.endpointUrl) === outcome) this.queues.delete(post.endpointUrl);
      });
    return outcome;
  }

  private async post(post: DirectPost): Promise<PostOutcome> {
    // too many outcomes noted but not carried out: wait before sending more, not between an answer and its
    // marker; recovery would take a marker left waiting past MARKER_GRACE_MS for one a dead process left
    while (this.markersToCarryOut > MARKERS_AHEAD) await this.carryingOut;
    // too little lease left to store the outcome before the poller may take the jobs: let it
    if (this.stop.stopping || post.leaseUntil.getTime() - Date.now() < this.timing.directPostMarginMs) return notSent(post);
    const result = await this.outbound.post(post.endpointUrl, deviceBatchBody(post.jobs), this.timing.deviceTimeoutMs);
    const verdict = classifyAttempt(result);
    this.metrics.devicePost(verdict, post.jobs.length);
    if (verdict !== 'success') this.logger.warn({ jobs: post.jobs.length, verdict, ...(result.kind === 'answered' ? { http_status: result.status } : { failure: result.reason }) }, 'device POST');
    if (verdict === 'final') return { post, verdict, failure: STATUS_ERRORS.refusedByDevice };
    if (verdict === 'success') return { post, verdict };
    const expiresAt = new Date(Math.min(...post.jobs.map((j) => j.expires_at.getTime())));
    const next = scheduleRetry(1, this.timing.retry, expiresAt);
    return { post, verdict, ...('retryAt' in next && { retryAt: next.retryAt }) };
  }
}

function notSent(post: DirectPost, retryAt?: Date): PostOutcome {
  return { post, verdict: 'not-sent', retryAt };
}
