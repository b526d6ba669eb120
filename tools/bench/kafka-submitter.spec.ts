import type { Producer, ProducerRecord } from 'kafkajs';
import { KafkaSubmitter } from './kafka-submitter';

/**
 * Records what was sent. `ackWhen` holds each acknowledgement until it says so (it is asked again
 * after every send); `onSend` sees every send as it arrives.
 */
function fakeProducer(options: { ackWhen?: (sends: ProducerRecord[]) => boolean; onSend?: (sends: ProducerRecord[]) => void } = {}): { producer: Producer; sends: ProducerRecord[] } {
  const sends: ProducerRecord[] = [];
  const held: (() => void)[] = [];
  const send = async (record: ProducerRecord) => {
    sends.push(record);
    options.onSend?.(sends);
    if (options.ackWhen && !options.ackWhen(sends)) await new Promise<void>((ack) => held.push(ack));
    else held.splice(0).forEach((ack) => ack());
    await new Promise((r) => setImmediate(r));
    return [];
  };
  return { producer: { send } as unknown as Producer, sends };
}

const record = (i: number) => ({ key: `k${i}`, value: `v${i}` });

describe('KafkaSubmitter', () => {
  it('sends every record in batches of the given size, stamping each batch as it goes', async () => {
    const { producer, sends } = fakeProducer();
    const submitter = new KafkaSubmitter(producer, 'topic', 450, record, { batch: 200 });
    await submitter.run();
    expect(sends.map((s) => s.messages.length)).toEqual([200, 200, 50]);
    expect(sends.flatMap((s) => s.messages.map((m) => m.value))).toEqual(Array.from({ length: 450 }, (_, i) => `v${i}`));
    expect(submitter.submitted).toBe(450);
    expect(submitter.submittedAt.every(Number.isFinite)).toBe(true);
  });

  it('under a rate, stamps each record with its due time and does not wait for slow acknowledgements', async () => {
    // no send is acknowledged before all 20 records went out: a submitter awaiting each ack would hang here
    const { producer, sends } = fakeProducer({ ackWhen: (all) => all.reduce((n, s) => n + s.messages.length, 0) >= 20 });
    const submitter = new KafkaSubmitter(producer, 'topic', 20, record, { rate: 100, maxBatch: 200 });
    await submitter.run();
    expect(sends.length).toBeGreaterThan(1);
    expect(submitter.submitted).toBe(20);
    const at = submitter.submittedAt;
    expect(at[10] - at[0]).toBeCloseTo(100, 5);
  });

  it('stops between batches when asked', async () => {
    let submitter: KafkaSubmitter | undefined;
    const { producer, sends } = fakeProducer({ onSend: (all) => all.length === 3 && submitter!.stop() });
    submitter = new KafkaSubmitter(producer, 'topic', 10_000, record, { batch: 100 });
    await submitter.run();
    expect(sends.length).toBeLessThan(100);
    expect(submitter.submitted).toBe(sends.length * 100);
  });

  it('reports a failed send', async () => {
    const producer = { send: async () => Promise.reject(new Error('broker down')) } as unknown as Producer;
    await expect(new KafkaSubmitter(producer, 'topic', 5, record, { rate: 1000, maxBatch: 10 }).run()).rejects.toThrow('broker down');
  });
});
