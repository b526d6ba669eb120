/** What the tracker reads of a FakeDevice: its 2xx-answered items in arrival order, and when each came. */
export interface Inbox<Item extends { message_id: string }> {
  readonly received: readonly Item[];
  arrivalOf(item: Item): number;
}

/** A message's first arrival on its device; later arrivals of the same id are duplicates. */
export interface FirstArrival<Item> {
  inbox: number;
  item: Item;
  arrivedAt: number;
}

/**
 * Counts distinct deliveries across every device as they happen, reading only what arrived since
 * the last poll. A phase (the prefill, the measured run) counts only message ids it has not seen
 * before, so a late resend of a prefill message never passes for a measured delivery.
 */
export class DeliveryTracker<Item extends { message_id: string }> {
  private readonly cursors: number[];
  private readonly earlier = new Set<string>();
  private readonly current = new Map<string, FirstArrival<Item>>();
  private duplicateCount = 0;

  constructor(private readonly inboxes: readonly Inbox<Item>[]) {
    this.cursors = inboxes.map(() => 0);
  }

  /** From now on, everything delivered so far belongs to an earlier phase. */
  startPhase(): void {
    this.poll();
    for (const id of this.current.keys()) this.earlier.add(id);
    this.current.clear();
    this.duplicateCount = 0;
  }

  poll(): void {
    this.inboxes.forEach((inbox, i) => {
      for (; this.cursors[i] < inbox.received.length; this.cursors[i]++) {
        const item = inbox.received[this.cursors[i]];
        if (this.earlier.has(item.message_id)) continue;
        if (this.current.has(item.message_id)) this.duplicateCount++;
        else this.current.set(item.message_id, { inbox: i, item, arrivedAt: inbox.arrivalOf(item) });
      }
    });
  }

  /** Distinct messages delivered in this phase (as of the last poll). */
  get delivered(): number {
    return this.current.size;
  }

  /** Arrivals of a message this phase had already delivered (at-least-once resends). */
  get duplicates(): number {
    return this.duplicateCount;
  }

  arrivals(): FirstArrival<Item>[] {
    return [...this.current.values()];
  }
}
