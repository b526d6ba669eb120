import { chunks, MAX_STATEMENTS_AT_ONCE } from './store-batches';

describe('chunks', () => {
  it('slices in order, the last slice holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for no items', () => {
    expect(chunks([], 20)).toEqual([]);
  });

  it('keeps to the store limit by default', () => {
    const slices = chunks(Array.from({ length: 41 }, (_, i) => i));
    expect(slices.map((s) => s.length)).toEqual([MAX_STATEMENTS_AT_ONCE, MAX_STATEMENTS_AT_ONCE, 1]);
  });
});
