import { percentile, summarize } from './percentile';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('summarize', () => {
  it('sorts a copy and reports p50, p99 and max', () => {
    const values = [30, 10, 20];
    expect(summarize(values)).toEqual({ count: 3, p50: 20, p99: 30, max: 30 });
    expect(values).toEqual([30, 10, 20]);
  });

  it('has no figures for no values', () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p99: null, max: null });
  });
});
