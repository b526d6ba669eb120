import { inKeyOrder } from './in-key-order';

interface Item {
  customer: string;
  n: number;
}

const items = (...spec: string[]): Item[] => spec.map((s, n) => ({ customer: s, n }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('inKeyOrder', () => {
  it("runs each key's items in order, one at a time, and keys side by side", async () => {
    const inFlight = new Map<string, number>();
    let mostCustomers = 0;
    const order: string[] = [];
    const unsent = await inKeyOrder(items('a', 'b', 'a', 'c', 'b', 'a'), (i) => i.customer, 3, async (item) => {
      inFlight.set(item.customer, (inFlight.get(item.customer) ?? 0) + 1);
      expect(inFlight.get(item.customer)).toBe(1);
      mostCustomers = Math.max(mostCustomers, inFlight.size);
      await tick();
      order.push(`${item.customer}${item.n}`);
      inFlight.delete(item.customer);
      return 'done';
    });
    expect(unsent).toEqual([]);
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a0', 'a2', 'a5']);
    expect(order.filter((o) => o.startsWith('b'))).toEqual(['b1', 'b4']);
    expect(mostCustomers).toBe(3);
  });

  it('keeps to the limit of keys at once', async () => {
    let running = 0;
    let most = 0;
    await inKeyOrder(items('a', 'b', 'c', 'd', 'e'), (i) => i.customer, 2, async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return 'done';
    });
    expect(most).toBe(2);
  });

  it('starts nothing after a stop, and hands back what never started, in order', async () => {
    const sent: number[] = [];
    const unsent = await inKeyOrder(items('a', 'a', 'b', 'a', 'b'), (i) => i.customer, 1, async (item) => {
      sent.push(item.n);
      return item.n === 1 ? 'stop' : 'done';
    });
    expect(sent).toEqual([0, 1]);
    expect(unsent.map((i) => i.n)).toEqual([2, 3, 4]);
  });

  it('lets the steps in flight finish, then rejects with the first error', async () => {
    let finished = false;
    const run = inKeyOrder(items('a', 'b', 'a'), (i) => i.customer, 2, async (item) => {
      if (item.customer === 'a') throw new Error('store down');
      await tick();
      finished = true;
      return 'done';
    });
    await expect(run).rejects.toThrow('store down');
    expect(finished).toBe(true);
  });
});
