import { randomUUID } from 'node:crypto';
import type { MessageAcceptedPayload } from '@sealpost/contracts';
import type { SealedForDevice } from '@sealpost/crypto';
import type { WithId } from '@sealpost/persistence';
import { MAX_MESSAGES_PER_POST } from '../../device-dispatch/device-batch';
import type { DeviceJob } from '../../device-dispatch/device-job.schema';
import type { DirectPost } from '../../device-dispatch/direct-post';
import { shardOf } from '../../dispatch/dispatch-ownership';
import { RELEASED } from '../../dispatch/released';
import type { Device } from '../../devices/device.schema';
import { unixSeconds } from '../../status/status-steps';

/**
 * An accepted batch's device jobs and how each goes out: straight away, in POSTs of up to 100
 * per endpoint (stored `sending` under one lease token per POST), or through the poller.
 */
export class DispatchPlan {
  readonly jobs: WithId<DeviceJob>[] = [];
  private readonly open = new Map<string, DirectPost>();
  private readonly direct: DirectPost[] = [];
  /** messages with a job the poller sends, or one an earlier attempt stored */
  private readonly elsewhere = new Set<string>();
  private readonly leaseUntil: Date;
  /** the messages with a job in some POST, once the plan is complete */
  private sentNow?: Set<string>;
  queuedForPoller = false;

  constructor(leaseMs: number) {
    this.leaseUntil = new Date(Date.now() + leaseMs);
  }

  add(job: WithId<DeviceJob>, now: boolean): void {
    this.sentNow = undefined;
    this.jobs.push(job);
    if (!now) {
      this.elsewhere.add(job.message_id);
      this.queuedForPoller = true;
      return;
    }
    let post = this.open.get(job.endpoint_url);
    if (!post || post.jobs.length === MAX_MESSAGES_PER_POST) {
      post = { endpointUrl: job.endpoint_url, token: randomUUID(), leaseUntil: this.leaseUntil, jobs: [] };
      this.open.set(job.endpoint_url, post);
      this.direct.push(post);
    }
    Object.assign(job, { state: 'sending', lease_until: this.leaseUntil, lease_token: post.token });
    post.jobs.push(job);
  }

  /** Jobs an earlier attempt already stored (positions in `jobs`): not ours to send, but queued. */
  forget(positions: ReadonlySet<number>): void {
    this.sentNow = undefined;
    const repeated = new Set<DeviceJob>([...positions].map((i) => this.jobs[i]!));
    for (const job of repeated) this.elsewhere.add(job.message_id);
    for (const post of this.direct) post.jobs = post.jobs.filter((job) => !repeated.has(job));
  }

  /**
   * Messages that left `accepted` while this attempt queued them again (an earlier attempt's POSTs
   * were answered, their jobs deleted): nothing of theirs goes out. Resolves with the `_id`s of the
   * jobs this attempt stored for them (not `repeats`), which the caller deletes.
   */
  withdraw(messageIds: ReadonlySet<string>, repeats: ReadonlySet<number>): string[] {
    this.sentNow = undefined;
    for (const id of messageIds) this.elsewhere.delete(id);
    for (const post of this.direct) post.jobs = post.jobs.filter((job) => !messageIds.has(job.message_id));
    return this.jobs.filter((job, i) => messageIds.has(job.message_id) && !repeats.has(i)).map((job) => job._id);
  }

  get posts(): DirectPost[] {
    return this.direct.filter((post) => post.jobs.length > 0);
  }

  sendsNow(messageId: string): boolean {
    this.sentNow ??= new Set(this.direct.flatMap((post) => post.jobs.map((job) => job.message_id)));
    return this.sentNow.has(messageId);
  }

  queues(messageId: string): boolean {
    return this.elsewhere.has(messageId);
  }
}

/** The job for one device, pending for the poller until the plan says otherwise. */
export function jobFor(payload: MessageAcceptedPayload, device: Device, sealed: SealedForDevice): WithId<DeviceJob> {
  const jobId = `${payload.message_id}:${device.device_id}`;
  const now = new Date();
  return {
    _id: jobId,
    job_id: jobId,
    message_id: payload.message_id,
    business_id: payload.business_id,
    device_id: device.device_id,
    endpoint_url: device.endpoint_url,
    shard: shardOf(device.endpoint_url),
    phone_number_id: payload.business.phone_number_id,
    timestamp: unixSeconds(new Date(payload.accepted_at)),
    sealed,
    state: 'pending',
    failure: null,
    report_due_at: null,
    report_pending: false,
    report_token: null,
    attempts: 0,
    next_attempt_at: now,
    ...RELEASED,
    expires_at: new Date(payload.expires_at),
    created_at: now,
  };
}
