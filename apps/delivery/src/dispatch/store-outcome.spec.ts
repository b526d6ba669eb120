import type { Logger } from '@nestjs/common';
import { storeOutcome } from './store-outcome';

describe('storeOutcome', () => {
  const logger = { log: jest.fn(), warn: jest.fn() } as unknown as Logger;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries a write through a store outage until it lands, logging no error text', async () => {
    let calls = 0;
    const write = jest.fn(async () => {
      if (++calls < 4) throw Object.assign(new Error('connection 7 to 127.0.0.1:37017 closed; canary-9f2'), { name: 'MongoNetworkError' });
    });
    const done = storeOutcome(write, logger, 'device delivery');
    await jest.advanceTimersByTimeAsync(10000);
    await done;
    expect(write).toHaveBeenCalledTimes(4);
    expect(JSON.stringify((logger.warn as jest.Mock).mock.calls)).not.toContain('canary-9f2');
    expect(logger.log).toHaveBeenCalledWith({ attempts: 4 }, 'device delivery stored after the store came back');
  });

  it('gives up after two minutes with the last error, leaving the lease to lapse', async () => {
    const write = jest.fn(async () => {
      throw new Error('still down');
    });
    const done = storeOutcome(write, logger, 'device delivery');
    const outcome = expect(done).rejects.toThrow('still down');
    await jest.advanceTimersByTimeAsync(125000);
    await outcome;
    expect(write.mock.calls.length).toBeGreaterThan(30);
  });
});
