import type { MessageAcceptedPayload } from '@sealpost/contracts';
import type { Device } from '../../devices/device.schema';
import { DispatchPlan, jobFor } from './dispatch-plan';

const sealed = { suite: 'HPKE-base-X25519-SHA256-AES256GCM', enc: 'e', ct: 'c' } as never;

function payload(id: string): MessageAcceptedPayload {
  return { message_id: id, business_id: 'b1', business: { phone_number_id: 'p1' }, accepted_at: '2026-12-04T10:00:00.000Z', expires_at: '2027-01-03T10:00:00.000Z' } as unknown as MessageAcceptedPayload;
}

function device(id: string, endpoint: string): Device {
  return { device_id: id, endpoint_url: endpoint } as Device;
}

describe('DispatchPlan', () => {
  it('groups jobs sent now into POSTs of at most 100 per endpoint, each stored sending under its own lease token', () => {
    const plan = new DispatchPlan(60000);
    for (let i = 0; i < 150; i++) plan.add(jobFor(payload(`m${i}`), device('d1', 'http://a/inbox'), sealed), true);
    plan.add(jobFor(payload('m0'), device('d2', 'http://b/inbox'), sealed), true);

    const posts = plan.posts;
    expect(posts.map((p) => [p.endpointUrl, p.jobs.length])).toEqual([['http://a/inbox', 100], ['http://a/inbox', 50], ['http://b/inbox', 1]]);
    expect(new Set(posts.map((p) => p.token)).size).toBe(3);
    for (const post of posts) {
      for (const job of post.jobs) expect(job).toMatchObject({ state: 'sending', lease_token: post.token, lease_until: post.leaseUntil });
    }
    expect(posts[0]!.leaseUntil.getTime()).toBeGreaterThan(Date.now() + 50000);
    expect(plan.queuedForPoller).toBe(false);
  });

  it('leaves a job for the poller pending and unleased, and counts its message as queued elsewhere', () => {
    const plan = new DispatchPlan(60000);
    plan.add(jobFor(payload('m1'), device('d1', 'http://a/inbox'), sealed), false);
    plan.add(jobFor(payload('m1'), device('d2', 'http://b/inbox'), sealed), true);

    expect(plan.jobs[0]).toMatchObject({ state: 'pending', lease_token: null, lease_until: new Date(0) });
    expect(plan.queuedForPoller).toBe(true);
    expect(plan.sendsNow('m1')).toBe(true);
    expect(plan.queues('m1')).toBe(true);
  });

  it('does not send a job an earlier attempt already stored, but counts it as queued', () => {
    const plan = new DispatchPlan(60000);
    plan.add(jobFor(payload('m1'), device('d1', 'http://a/inbox'), sealed), true);
    plan.add(jobFor(payload('m2'), device('d1', 'http://a/inbox'), sealed), true);
    plan.forget(new Set([0]));

    expect(plan.posts.flatMap((p) => p.jobs.map((j) => j.message_id))).toEqual(['m2']);
    expect(plan.sendsNow('m1')).toBe(false);
    expect(plan.queues('m1')).toBe(true);
    expect(plan.queues('m2')).toBe(false);
  });

  it('drops a POST whose every job was stored before', () => {
    const plan = new DispatchPlan(60000);
    plan.add(jobFor(payload('m1'), device('d1', 'http://a/inbox'), sealed), true);
    plan.forget(new Set([0]));
    expect(plan.posts).toEqual([]);
  });

  it('withdraws a message that moved on meanwhile: none of its jobs goes out, and only those this attempt stored are to delete', () => {
    const plan = new DispatchPlan(60000);
    plan.add(jobFor(payload('m1'), device('d1', 'http://a/inbox'), sealed), true);
    plan.add(jobFor(payload('m1'), device('d2', 'http://b/inbox'), sealed), false);
    plan.add(jobFor(payload('m1'), device('d3', 'http://c/inbox'), sealed), true);
    plan.add(jobFor(payload('m2'), device('d1', 'http://a/inbox'), sealed), true);
    const repeats = new Set([2]);
    plan.forget(repeats);

    expect(plan.withdraw(new Set(['m1']), repeats)).toEqual(['m1:d1', 'm1:d2']);
    expect(plan.posts.flatMap((p) => p.jobs.map((j) => j.job_id))).toEqual(['m2:d1']);
    expect(plan.sendsNow('m1')).toBe(false);
    expect(plan.queues('m1')).toBe(false);
    expect(plan.sendsNow('m2')).toBe(true);
  });
});
