import { TOPICS } from '@sealpost/contracts';
import { DISPATCH_SHARDS, DispatchOwnership, shardOf } from './dispatch-ownership';

describe('DispatchOwnership', () => {
  let now: number;
  let ownership: DispatchOwnership;

  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    ownership = new DispatchOwnership(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('owns nothing before its consumer has joined the group', () => {
    expect(ownership.tenure().shards).toEqual([]);
  });

  it('owns the shards matching its accepted-topic partitions once joined, and wakes the dispatchers', () => {
    let woken = 0;
    ownership = new DispatchOwnership(() => woken++);
    ownership.joined({ [TOPICS.messagesAccepted]: [4, 1], [TOPICS.keysEvents]: [0] });
    expect(ownership.tenure().shards).toEqual([1, 4]);
    expect(woken).toBe(1);
  });

  it('ends a tenure the moment the member leaves or rejoins, even with the same partitions', () => {
    ownership.joined({ [TOPICS.messagesAccepted]: [0, 1, 2] });
    const first = ownership.tenure();
    expect(first.holds()).toBe(true);
    ownership.left();
    expect(first.holds()).toBe(false);
    expect(ownership.tenure().shards).toEqual([]);
    ownership.joined({ [TOPICS.messagesAccepted]: [0, 1, 2] });
    expect(first.holds()).toBe(false);
    expect(ownership.tenure().holds()).toBe(true);
  });

  it('lapses when the coordinator has not confirmed membership for 10 s (it may have been replaced), and resumes on confirmation', () => {
    ownership.joined({ [TOPICS.messagesAccepted]: [3] });
    const tenure = ownership.tenure();
    now += 9000;
    ownership.confirmed();
    now += 9000;
    expect(tenure.holds()).toBe(true);
    now += 1001;
    expect(tenure.holds()).toBe(false);
    expect(ownership.tenure().shards).toEqual([]);
    ownership.confirmed();
    expect(tenure.holds()).toBe(true);
  });

  it('spreads keys over every shard, the same way everywhere', () => {
    const seen = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`http://127.0.0.1:${40000 + i}/inbox`)));
    expect([...seen].sort()).toEqual(Array.from({ length: DISPATCH_SHARDS }, (_, i) => i));
    expect(shardOf('1234567890')).toBe(shardOf('1234567890'));
  });
});
