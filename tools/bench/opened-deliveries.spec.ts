import { openedDeliveries } from './opened-deliveries';

describe('openedDeliveries', () => {
  it('measures each arrival against the submit of the tag its text carries', async () => {
    const arrivals = [
      { inbox: 0, item: 'bench-1', arrivedAt: 1500 },
      { inbox: 1, item: 'bench-0', arrivedAt: 1200 },
      { inbox: 0, item: 'prefill-9', arrivedAt: 1300 },
      { inbox: 0, item: 'bench-77', arrivedAt: 1400 },
    ];
    const open = async (a: { item: string }) => ({ type: 'text', text: { body: a.item } });
    const { points, foreign } = await openedDeliveries(arrivals, open, 'bench', [1000, 1100]);
    expect(points).toEqual([{ arrivedAt: 1500, latencyMs: 400 }, { arrivedAt: 1200, latencyMs: 200 }]);
    expect(foreign).toBe(2);
  });
});
