import { STATUS_ERRORS } from '../status/status-errors';
import { AnsweredPosts } from './answered-posts';
import type { DirectMessage, DirectPost } from './direct-post';
import type { DeviceJob } from './device-job.schema';

const post = (endpointUrl: string, ...ids: string[]): DirectPost => ({ endpointUrl, token: `t-${endpointUrl}`, leaseUntil: new Date(), jobs: ids.map((message_id) => ({ message_id }) as DeviceJob) });
const entry = (id: string, queuedElsewhere = false): [string, DirectMessage] => [id, { message: { message_id: id, business_id: 'b', expires_at: new Date(), recipient_fields: {} } as DirectMessage['message'], queuedElsewhere }];
const targets = (moves: { message: { message_id: string }; target: string }[]) => moves.map((m) => `${m.message.message_id}:${m.target}`);

describe('AnsweredPosts', () => {
  it('decides a message with one job on its one POST, straight away', () => {
    const a = post('a', 'm1', 'm2');
    const answered = new AnsweredPosts([a], new Map([entry('m1'), entry('m2')]));
    expect(targets(answered.answer(a, { kind: 'delivered' }))).toEqual(['m1:delivered', 'm2:delivered']);
  });

  it('waits for every POST of a message with several devices, and any delivery wins over a failure', () => {
    const a = post('a', 'm1');
    const b = post('b', 'm1');
    const answered = new AnsweredPosts([a, b], new Map([entry('m1')]));
    expect(answered.answer(a, { kind: 'failed', failure: STATUS_ERRORS.refusedByDevice })).toEqual([]);
    expect(targets(answered.answer(b, { kind: 'delivered' }))).toEqual(['m1:delivered']);
  });

  it('moves a message to sent while a job waits for the poller, and to failed only when every POST failed', () => {
    const a = post('a', 'm1', 'm2');
    const answered = new AnsweredPosts([a], new Map([entry('m1'), entry('m2', true)]));
    const moves = answered.answer(a, { kind: 'failed', failure: STATUS_ERRORS.refusedByDevice });
    expect(targets(moves)).toEqual(['m1:failed', 'm2:sent']);
    expect(moves[0]!.errors).toEqual([STATUS_ERRORS.refusedByDevice]);
    const waiting = new AnsweredPosts([a], new Map([entry('m1'), entry('m2')]));
    expect(targets(waiting.answer(a, { kind: 'waiting' }))).toEqual(['m1:sent', 'm2:sent']);
    expect(waiting.anyWaiting).toBe(true);
  });
});
