import { chunk, groupBy } from './batches';

describe('groupBy', () => {
  it('groups by key and keeps each group in order', () => {
    const groups = groupBy(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0]!);
    expect([...groups.entries()]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
  });

  it('gives nothing for nothing', () => expect(groupBy([], String).size).toBe(0));
});

describe('chunk', () => {
  it('cuts into slices of at most the size, in order', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const chunks = chunk(items, 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(items);
  });

  it('handles exact multiples and empty input', () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunk([], 100)).toEqual([]);
  });

  it('rejects a size below 1', () => expect(() => chunk([1], 0)).toThrow());
});
