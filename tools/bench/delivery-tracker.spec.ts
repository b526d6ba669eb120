import { DeliveryTracker, Inbox } from './delivery-tracker';

interface Item {
  message_id: string;
}

class FakeInbox implements Inbox<Item> {
  readonly received: Item[] = [];
  private readonly times = new Map<Item, number>();

  arrive(id: string, at: number): void {
    const item = { message_id: id };
    this.received.push(item);
    this.times.set(item, at);
  }

  arrivalOf(item: Item): number {
    return this.times.get(item) ?? NaN;
  }
}

describe('DeliveryTracker', () => {
  it('counts distinct messages across devices, each at its first arrival', () => {
    const a = new FakeInbox();
    const b = new FakeInbox();
    const tracker = new DeliveryTracker([a, b]);
    a.arrive('m1', 10);
    b.arrive('m2', 20);
    tracker.poll();
    a.arrive('m1', 30); // a resend
    a.arrive('m3', 40);
    tracker.poll();
    expect(tracker.delivered).toBe(3);
    expect(tracker.duplicates).toBe(1);
    expect(tracker.arrivals().map((f) => [f.inbox, f.item.message_id, f.arrivedAt])).toEqual([[0, 'm1', 10], [1, 'm2', 20], [0, 'm3', 40]]);
  });

  it('leaves what an earlier phase delivered out of the next, late resends included', () => {
    const a = new FakeInbox();
    const tracker = new DeliveryTracker([a]);
    a.arrive('prefill-1', 1);
    tracker.startPhase();
    a.arrive('prefill-1', 5);
    a.arrive('run-1', 6);
    tracker.poll();
    expect(tracker.delivered).toBe(1);
    expect(tracker.duplicates).toBe(0);
    expect(tracker.arrivals()[0].item.message_id).toBe('run-1');
  });
});
