import type { Producer, ProducerRecord } from 'kafkajs';
import { KafkaSubmitter } from './kafka-submitter';

/** Records what was sent; each send takes `delayMs` to be acknowledged. */
function fakeProducer(delayMs = 0): { producer: Producer; sends: ProducerRecord[] } {
  const sends: ProducerRecord[] = [];
  const send = async (record: ProducerRecord) => {
    sends.push(record);
    await new Promise((r) => setTimeout(r, delayMs));
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
    const { producer, sends } = fakeProducer(300);
    const submitter = new KafkaSubmitter(producer, 'topic', 20, record, { rate: 100, maxBatch: 200 });
    const started = Date.now();
    await submitter.run();
    // 20 records at 100/s are due within 190 ms; sends acknowledged 300 ms later, so about 490 ms in all
    expect(Date.now() - started).toBeLessThan(1500);
    expect(sends.length).toBeGreaterThan(1);
    expect(submitter.submitted).toBe(20);
    const at = submitter.submittedAt;
    expect(at[10] - at[0]).toBeCloseTo(100, 5);
  });

  it('stops between batches when asked', async () => {
    const { producer, sends } = fakeProducer(20);
    const submitter = new KafkaSubmitter(producer, 'topic', 10_000, record, { batch: 100 });
    const running = submitter.run();
    setTimeout(() => submitter.stop(), 50);
    await running;
    expect(sends.length).toBeLessThan(100);
    expect(submitter.submitted).toBe(sends.length * 100);
  });

  it('reports a failed send', async () => {
    const producer = { send: async () => Promise.reject(new Error('broker down')) } as unknown as Producer;
    await expect(new KafkaSubmitter(producer, 'topic', 5, record, { rate: 1000, maxBatch: 10 }).run()).rejects.toThrow('broker down');
  });
});
