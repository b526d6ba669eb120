import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { RELEASED } from '../dispatch/released';
import { DeviceJob } from './device-job.schema';

/**
 * The device jobs sent straight from an accepted batch (state `sending`, leased from the start,
 * one lease token per POST). Settled ones leave the collection with one delete per POST; the
 * others go back to the poller as `pending`, which is all the poller ever reads.
 */
@Injectable()
export class DirectJobs {
  constructor(@InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>) {}

  /** The POSTs answered for good (delivered, or refused): their jobs are done (sent straight away or by the poller). */
  async deleteSettled(tokens: readonly string[]): Promise<void> {
    await Promise.all(chunks([...new Set(tokens)]).map((slice) => boundedBulkWrite(this.jobs, slice.map((token) => ({ deleteMany: { filter: { lease_token: token } } })))));
  }

  /** A POST to retry later, or one that never went out: its jobs wait for the poller. */
  async release(token: string, schedule: Partial<Pick<DeviceJob, 'attempts' | 'next_attempt_at'>> = {}): Promise<void> {
    await this.jobs.updateMany({ lease_token: token, state: 'sending' }, { $set: { state: 'pending', ...schedule, ...RELEASED } }).exec();
  }

  /**
   * Jobs whose process died before their POST's outcome was stored: the poller sends them again.
   * Not those a marker still settles or a live POST may (`settledTokens`): their POST was answered,
   * and the marker's recovery deletes them — sent again first, they would reach their device twice.
   * Only of the shards this instance holds: another instance's are its own to finish while it lives.
   */
  async releaseLapsed(settledTokens: readonly string[], shards: readonly number[]): Promise<number> {
    if (shards.length === 0) return 0;
    const lapsed = await this.jobs
      .updateMany({ state: 'sending', lease_until: { $lt: new Date() }, shard: { $in: [...shards] }, lease_token: { $nin: [...settledTokens] } }, { $set: { state: 'pending', ...RELEASED } })
      .exec();
    return lapsed.modifiedCount;
  }
}
