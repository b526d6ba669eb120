import type { Model } from 'mongoose';
import { boundedBulkWrite, chunks, MAX_STATEMENTS_AT_ONCE } from './store-batches';

describe('chunks', () => {
  it('slices in order, the last slice holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for no items', () => {
    expect(chunks([], 20)).toEqual([]);
  });

  it('keeps to the store limit by default', () => {
    const slices = chunks(Array.from({ length: 2 * MAX_STATEMENTS_AT_ONCE + 1 }, (_, i) => i));
    expect(slices.map((s) => s.length)).toEqual([MAX_STATEMENTS_AT_ONCE, MAX_STATEMENTS_AT_ONCE, 1]);
  });
});

describe('boundedBulkWrite', () => {
  /** A model whose bulkWrite records how many statements are under way at once. */
  function countingModel() {
    const seen = { inFlight: 0, peak: 0 };
    const model = {
      bulkWrite: async (ops: unknown[]) => {
        seen.inFlight += ops.length;
        seen.peak = Math.max(seen.peak, seen.inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        seen.inFlight -= ops.length;
        return { matchedCount: ops.length };
      },
    } as unknown as Model<unknown>;
    return { model, seen };
  }

  it('never has more than 40 statements under way in the process, however many callers', async () => {
    const { model, seen } = countingModel();
    const op = { updateOne: { filter: { _id: 'x' }, update: { $set: { a: 1 } } } };
    const results = await Promise.all(Array.from({ length: 30 }, () => boundedBulkWrite(model, Array(MAX_STATEMENTS_AT_ONCE).fill(op))));
    expect(results.every((r) => r.matchedCount === MAX_STATEMENTS_AT_ONCE)).toBe(true);
    expect(seen.peak).toBeLessThanOrEqual(40);
    expect(seen.peak).toBeGreaterThan(MAX_STATEMENTS_AT_ONCE); // they do run side by side
  });

  it('refuses a command larger than the store limit, sending nothing', async () => {
    const { model, seen } = countingModel();
    const op = { updateOne: { filter: { _id: 'x' }, update: { $set: { a: 1 } } } };
    await expect(boundedBulkWrite(model, Array(MAX_STATEMENTS_AT_ONCE + 1).fill(op))).rejects.toThrow(/at most/);
    expect(seen.peak).toBe(0);
  });
});
