import { randomBytes } from 'node:crypto';
import type { Message } from 'kafkajs';
import { TOPIC_SPECS, TOPICS } from '@sealpost/contracts';
import { KafkaEndpoint, kafkaClient } from '@sealpost/testing';
import { KafkaSubmitter } from './kafka-submitter';
import { recordBytes, signedSubmitRecord } from './submit-records';
import { sleep } from './submitter';

export interface CeilingFigures {
  records: number;
  /** value, key and header bytes per record, as the measured run's */
  recordBytes: number;
  partitions: number;
  /** first send to last receipt */
  elapsedS: number;
  messagesPerS: number;
}

export interface CeilingSpec {
  total: number;
  batch: number;
  recipients: readonly string[];
  timeoutMs: number;
}

// as many partitions as the submit topic: the pipeline cannot spread wider than that
const PARTITIONS = TOPIC_SPECS.find((t) => t.name === TOPICS.messagesSubmit)!.partitions;

/**
 * What the broker and kafkajs alone do on this machine: the measured run's record count and
 * record shape, produced with the same batching to a scratch topic and consumed by one consumer
 * (with the services' fetch settings). No service stands between the send and the receipt, so
 * the pipeline's msg/s divided by this is the share of the broker's capacity it achieves.
 */
export async function measureCeiling(admin: KafkaEndpoint, spec: CeilingSpec, tag: (i: number) => string): Promise<CeilingFigures> {
  const kafka = kafkaClient(admin, 'sealpost-bench-ceiling');
  const topic = `sealpost-bench.ceiling.${Date.now()}`;
  // the business is onboarded later; a stand-in of the same shape gives records of the same size
  const business = { phone_number_id: '1'.repeat(15), app_secret: randomBytes(24).toString('base64url') };
  const record = (i: number): Message => signedSubmitRecord(business, spec.recipients[i % spec.recipients.length], tag(i));
  const topics = kafka.admin();
  await topics.connect();
  const consumer = kafka.consumer({ groupId: `${topic}.echo`, maxWaitTimeInMs: 1000, allowAutoTopicCreation: false });
  const producer = kafka.producer();
  try {
    await topics.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    let received = 0;
    let lastReceiptAt = NaN;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: PARTITIONS,
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= spec.total && Number.isNaN(lastReceiptAt)) lastReceiptAt = Date.now();
      },
    });
    // the group join is set-up, not echo: the clock starts once the consumer holds the partitions
    await withDeadline(joined, 60_000, 'the ceiling consumer to join its group');
    await producer.connect();
    const submitter = new KafkaSubmitter(producer, topic, spec.total, record, { batch: spec.batch });
    await submitter.run();
    const deadline = Date.now() + spec.timeoutMs;
    while (Number.isNaN(lastReceiptAt)) {
      if (Date.now() > deadline) throw new Error(`the ceiling echo received ${received} of ${spec.total} records in ${spec.timeoutMs / 1000} s`);
      await sleep(20);
    }
    const elapsedS = (lastReceiptAt - submitter.submittedAt[0]) / 1000;
    return { records: spec.total, recordBytes: recordBytes(record(0)), partitions: PARTITIONS, elapsedS, messagesPerS: spec.total / elapsedS };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await topics.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await topics.disconnect();
  }
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
