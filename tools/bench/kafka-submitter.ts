import type { Message, Producer } from 'kafkajs';
import { OpenLoopSchedule } from './open-loop-schedule';
import { sleep, Submitter } from './submitter';

/** As fast as possible, `batch` records per awaited send; or open-loop at `rate`, each tick's due records in one send. */
export type KafkaPacing = { batch: number } | { rate: number; maxBatch: number };

/** Produces records 0..total-1 to a topic: the submit topic, or the ceiling's scratch topic, with the same code. */
export class KafkaSubmitter implements Submitter {
  readonly submittedAt: number[];
  submitted = 0;
  maxLagMs = 0;
  private stopped = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly total: number,
    private readonly record: (index: number) => Message,
    private readonly pacing: KafkaPacing,
  ) {
    this.submittedAt = new Array<number>(total).fill(NaN);
  }

  run(): Promise<void> {
    return 'rate' in this.pacing ? this.openLoop(this.pacing.rate, this.pacing.maxBatch) : this.closedLoop(this.pacing.batch);
  }

  stop(): void {
    this.stopped = true;
  }

  private async closedLoop(batch: number): Promise<void> {
    for (let from = 0; from < this.total && !this.stopped; from += batch) {
      const to = Math.min(this.total, from + batch);
      const messages = this.records(from, to);
      const at = Date.now();
      for (let i = from; i < to; i++) this.submittedAt[i] = at;
      await this.producer.send({ topic: this.topic, messages });
      this.submitted += to - from;
    }
  }

  /** Sends are not awaited one by one: a slow acknowledgement must not push back the schedule. */
  private async openLoop(rate: number, maxBatch: number): Promise<void> {
    const schedule = new OpenLoopSchedule(Date.now(), rate, this.total);
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let next = 0;
    while (next < this.total && !this.stopped && failure === undefined) {
      const now = Date.now();
      for (const due = schedule.dueBy(now); next < due; ) {
        const from = next;
        const to = Math.min(due, from + maxBatch);
        this.maxLagMs = Math.max(this.maxLagMs, now - schedule.dueAt(from));
        for (let i = from; i < to; i++) this.submittedAt[i] = schedule.dueAt(i);
        const send: Promise<void> = this.producer
          .send({ topic: this.topic, messages: this.records(from, to) })
          .then(() => void (this.submitted += to - from), (err: unknown) => void (failure ??= err))
          .finally(() => inFlight.delete(send));
        inFlight.add(send);
        next = to;
      }
      if (next < this.total) await sleep(Math.max(1, Math.min(10, schedule.dueAt(next) - Date.now())));
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  }

  private records(from: number, to: number): Message[] {
    return Array.from({ length: to - from }, (_, k) => this.record(from + k));
  }
}
