import { BoundedCache } from './bounded-cache';

describe('BoundedCache', () => {
  it('expires entries after the TTL', () => {
    const cache = new BoundedCache<string>(1000, 10);
    cache.set('a', 'A', 0);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('evicts the oldest entry beyond the bound', () => {
    const cache = new BoundedCache<string>(60000, 2);
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    cache.set('c', 'C', 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBe('B');
    expect(cache.size).toBe(2);
  });

  it('drops selected entries', () => {
    const cache = new BoundedCache<number>(60000, 10);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.deleteWhere((_, v) => v === 2)).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });
});
