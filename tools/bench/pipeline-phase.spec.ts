import { DeliveryTracker, Inbox } from './delivery-tracker';
import { runPhase } from './pipeline-phase';
import { Submitter } from './submitter';

interface Item {
  message_id: string;
}

/** A device's inbox, filled by EchoSubmitter. */
class EchoInbox implements Inbox<Item> {
  readonly received: Item[] = [];
  arrivalOf(): number {
    return Date.now();
  }
}

/** Submits one message per turn of the event loop; those `deliver` picks arrive on the next turn. */
class EchoSubmitter implements Submitter {
  submitted = 0;
  submittedAt: number[] = [];
  maxLagMs = 0;
  stopped = false;
  constructor(private readonly inbox: EchoInbox, private readonly total: number, private readonly deliver: (i: number) => boolean) {}
  async run(): Promise<void> {
    for (let i = 0; i < this.total && !this.stopped; i++) {
      this.submittedAt[i] = Date.now();
      this.submitted++;
      if (this.deliver(i)) setImmediate(() => this.inbox.received.push({ message_id: `m${i}` }));
      await new Promise((r) => setImmediate(r));
    }
  }
  stop(): void {
    this.stopped = true;
  }
}

describe('runPhase', () => {
  const quiet = () => undefined;

  it('completes once every message of the phase was delivered', async () => {
    const inbox = new EchoInbox();
    const outcome = await runPhase(new DeliveryTracker([inbox]), new EchoSubmitter(inbox, 30, () => true), { name: 'run', total: 30, deadline: { afterStartMs: 5000 } }, quiet);
    expect(outcome.completed).toBe(true);
    expect(outcome.arrivals).toHaveLength(30);
  });

  it('gives up at the deadline with what was delivered so far', async () => {
    const inbox = new EchoInbox();
    const lines: string[] = [];
    const outcome = await runPhase(new DeliveryTracker([inbox]), new EchoSubmitter(inbox, 10, (i) => i < 7), { name: 'run', total: 10, deadline: { afterStartMs: 400 }, progressEveryMs: 100 }, (l) => lines.push(l));
    expect(outcome.completed).toBe(false);
    expect(outcome.arrivals).toHaveLength(7);
    expect(lines.some((l) => /^run: submitted 10\/10, delivered 7\/10, [\d.]+ delivered\/s$/.test(l))).toBe(true);
  });

  it('lets a prefill run on while deliveries keep coming, and stops it when they stall', async () => {
    const inbox = new EchoInbox();
    const started = Date.now();
    const outcome = await runPhase(new DeliveryTracker([inbox]), new EchoSubmitter(inbox, 5, (i) => i < 4), { name: 'prefill', total: 5, deadline: { withoutDeliveryMs: 300 } }, quiet);
    expect(outcome.completed).toBe(false);
    expect(outcome.arrivals).toHaveLength(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('ends with the submitter failure', async () => {
    const inbox = new EchoInbox();
    const failing: Submitter = { submitted: 0, submittedAt: [], maxLagMs: 0, run: () => Promise.reject(new Error('refused')), stop: () => undefined };
    await expect(runPhase(new DeliveryTracker([inbox]), failing, { name: 'run', total: 1, deadline: { afterStartMs: 5000 } }, quiet)).rejects.toThrow('refused');
  });
});
