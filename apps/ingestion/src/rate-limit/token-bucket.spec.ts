import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of one second of throughput, then refuses', () => {
    const bucket = new TokenBucket(3, 0);
    expect([bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)]).toEqual([true, true, true, false]);
  });

  it('refills at the configured rate', () => {
    const bucket = new TokenBucket(10, 0);
    for (let i = 0; i < 10; i++) bucket.tryTake(0);
    expect(bucket.tryTake(50)).toBe(false);
    expect(bucket.tryTake(100)).toBe(true);
  });

  it('never holds more than one second of tokens', () => {
    const bucket = new TokenBucket(2, 0);
    const taken = [0, 0, 0].map(() => bucket.tryTake(60_000));
    expect(taken).toEqual([true, true, false]);
  });

  it('hands out turns at the rate once the burst is spent, and refuses other takers until they have passed', () => {
    const bucket = new TokenBucket(2, 0);
    expect([0, 0, 0, 0, 0].map(() => bucket.reserve(0))).toEqual([0, 0, 500, 1000, 1500]);
    expect(bucket.tryTake(1400)).toBe(false);
    expect([bucket.reserve(2000), bucket.reserve(2000)]).toEqual([0, 500]);
  });
});
