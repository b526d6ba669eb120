import { perSecondTimeline } from './per-second-timeline';

describe('perSecondTimeline', () => {
  const start = 1_000_000;

  it('counts submits and deliveries in the second they happened, from the first submit', () => {
    const timeline = perSecondTimeline(start, [start, start + 10, start + 1500], [
      { arrivedAt: start + 900, latencyMs: 900 },
      { arrivedAt: start + 2100, latencyMs: 600 },
      { arrivedAt: start + 2999, latencyMs: 100 },
    ]);
    expect(timeline).toEqual([
      { second: 0, submitted: 2, delivered: 1, p50Ms: 900, p99Ms: 900 },
      { second: 1, submitted: 1, delivered: 0, p50Ms: null, p99Ms: null },
      { second: 2, submitted: 0, delivered: 2, p50Ms: 100, p99Ms: 600 },
    ]);
  });

  it('has one empty second for an empty run', () => {
    expect(perSecondTimeline(start, [], [])).toEqual([{ second: 0, submitted: 0, delivered: 0, p50Ms: null, p99Ms: null }]);
  });

  it('puts anything stamped before the start into the first second', () => {
    expect(perSecondTimeline(start, [start - 5], [])[0].submitted).toBe(1);
  });
});
