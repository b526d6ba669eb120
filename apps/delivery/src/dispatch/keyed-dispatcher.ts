import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Model } from 'mongoose';
import { DispatchOwnership, Tenure } from './dispatch-ownership';
import { DispatchSignals } from './dispatch-signals';
import { errorSummary } from './error-summary';
import { GracefulStop } from './graceful-stop';
import { KeyedWorkers } from './keyed-workers';
import { dueKeys, Leasable } from './lease';
import { PollLoop } from './poll-loop';
import { assignMissingShards } from './shard-backfill';

/** fallback poll: new work wakes the loop at once (DispatchSignals) */
const POLL_MS = 1000;
const CONCURRENT_KEYS = 8;

/**
 * Finds the keys (device endpoint, business) of this instance's shards that have due work and
 * drains each with one worker. The schedule lives in the database, so a restart (even SIGKILL)
 * resumes it: an unfinished item's lease runs out and it is due again.
 */
export abstract class KeyedDispatcher<T extends Leasable> implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly workers = new KeyedWorkers(CONCURRENT_KEYS, (err) => this.logger.warn(errorSummary(err), 'worker failed; its items wait for their lease to expire'));
  private readonly loop = new PollLoop(() => this.tick(), POLL_MS, (err) => this.logger.warn(errorSummary(err), 'dispatch poll failed'));
  private shardsAssigned = false;
  private readonly stop = new GracefulStop('in-flight batches', this.logger);

  protected constructor(
    private readonly model: Model<T>,
    private readonly keyField: keyof T & string,
    private readonly ownership: DispatchOwnership,
    signals: DispatchSignals,
    kind: 'device' | 'webhook',
  ) {
    signals.on(kind, () => this.loop.wake());
  }

  /** Sends everything due for one key, while `tenure` holds. */
  protected abstract drain(key: string, tenure: Tenure): Promise<void>;

  /** Work a dispatcher does on every tick before looking for due items. */
  protected async beforeTick(): Promise<void> {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /**
   * Graceful stop: each worker finishes the batch in flight (POST and stored outcome), then claims
   * no more. It starts before any shutdown hook runs, so the Kafka consumers leave their groups
   * meanwhile (their in-flight leases keep a new owner off these items); bounded, so the process
   * meets its 10 s shutdown deadline. A batch cut off by the bound goes out again once its lease lapses.
   */
  beforeApplicationShutdown(): void {
    this.stop.begin(Promise.all([this.loop.stop(), this.workers.idle()]));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop.finished();
  }

  private async tick(): Promise<void> {
    await this.beforeTick();
    if (!this.shardsAssigned) this.shardsAssigned = await assignMissingShards(this.model, this.keyField);
    if (this.workers.full) return;
    const granted = this.ownership.tenure();
    // a worker drains while there is work: under steady load that is for ever, unless told to stop
    const tenure: Tenure = { shards: granted.shards, holds: () => !this.stop.stopping && granted.holds() };
    for (const key of await dueKeys(this.model, this.keyField, tenure.shards)) {
      if (this.workers.full) break;
      this.workers.start(key, () => this.drain(key, tenure));
    }
  }
}
