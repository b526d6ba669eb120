import { PollLoop } from './poll-loop';

describe('PollLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never overlaps ticks and waits the interval after each one finishes', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const finishers: (() => void)[] = [];
    const loop = new PollLoop(
      () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        return new Promise<void>((resolve) => finishers.push(() => { running--; resolve(); }));
      },
      100,
      () => undefined,
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(1000); // the first tick is still running
    expect(runs).toBe(1);
    finishers.shift()!();
    await jest.advanceTimersByTimeAsync(99);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    finishers.shift()!();
    const stopped = loop.stop();
    await jest.advanceTimersByTimeAsync(1000);
    await stopped;
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('reports a failing tick and keeps going', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const loop = new PollLoop(async () => { runs++; throw new Error('store down'); }, 50, (e) => errors.push(e));
    loop.start();
    await jest.advanceTimersByTimeAsync(120);
    expect(runs).toBe(3);
    expect(errors).toHaveLength(3);
    await loop.stop();
  });

  it('stop waits for the running tick', async () => {
    let finish!: () => void;
    let done = false;
    const loop = new PollLoop(() => new Promise<void>((r) => (finish = () => { done = true; r(); })), 10, () => undefined);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    const stopped = loop.stop();
    finish();
    await stopped;
    expect(done).toBe(true);
  });
});
