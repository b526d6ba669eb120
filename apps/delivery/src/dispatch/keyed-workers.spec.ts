import { KeyedWorkers } from './keyed-workers';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('KeyedWorkers', () => {
  it('runs one worker per key and at most `limit` keys', async () => {
    const workers = new KeyedWorkers(2, () => undefined);
    const a = deferred();
    const b = deferred();
    expect(workers.start('a', () => a.promise)).toBe(true);
    expect(workers.start('a', () => Promise.resolve())).toBe(false);
    expect(workers.start('b', () => b.promise)).toBe(true);
    expect(workers.full).toBe(true);
    expect(workers.start('c', () => Promise.resolve())).toBe(false);
    a.resolve();
    await a.promise;
    await new Promise((r) => setImmediate(r));
    expect(workers.start('a', () => Promise.resolve())).toBe(true);
    b.resolve();
    await workers.idle();
    expect(workers.full).toBe(false);
  });

  it('reports a failing worker and frees its key', async () => {
    const errors: unknown[] = [];
    const workers = new KeyedWorkers(1, (e) => errors.push(e));
    workers.start('a', () => Promise.reject(new Error('boom')));
    workers.start('b', () => { throw new Error('never started'); });
    await workers.idle();
    expect(errors).toHaveLength(1);
    expect(workers.start('a', () => Promise.resolve())).toBe(true);
    await workers.idle();
  });
});
