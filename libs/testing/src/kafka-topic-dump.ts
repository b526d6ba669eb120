import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { KafkaEndpoint, kafkaClient } from './kafka-endpoint';

/** One stored record, bytes untouched. */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  /** kafkajs decodes a repeated header name into several values */
  headers: Record<string, Buffer[]>;
}

export interface DumpTopicsOptions {
  /** default: every topic except Kafka's internal `__*` ones */
  topics?: readonly string[];
  timeoutMs?: number;
}

/** high watermark per `topic/partition` */
type HighWatermarks = Map<string, bigint>;
const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;
const topicOf = (key: string): string => key.slice(0, key.lastIndexOf('/'));

/**
 * Everything the topics hold at call time: each non-empty partition from its earliest offset up
 * to the high watermark seen at the start. Records produced meanwhile are left out, so the dump
 * ends even while services keep publishing.
 */
export async function dumpTopics(endpoint: KafkaEndpoint, options: DumpTopicsOptions = {}): Promise<TopicRecord[]> {
  const kafka = kafkaClient(endpoint, 'sealpost-dump');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (options.topics ?? (await admin.listTopics())).filter((t) => !t.startsWith('__'));
    const highs = await highWatermarks(admin, topics);
    if (highs.size === 0) return [];
    const records = await consumeUpTo(kafka, admin, highs, options.timeoutMs ?? 30000);
    return records.sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Only partitions holding records; an empty one would never deliver a batch to end on. */
async function highWatermarks(admin: Admin, topics: readonly string[]): Promise<HighWatermarks> {
  const highs: HighWatermarks = new Map();
  for (const topic of topics) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) highs.set(partitionKey(topic, partition), BigInt(high));
    }
  }
  return highs;
}

async function consumeUpTo(kafka: Kafka, admin: Admin, highs: HighWatermarks, timeoutMs: number): Promise<TopicRecord[]> {
  // a fresh group starts at the earliest offset and never moves another consumer's offsets
  const groupId = `sealpost-dump-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const remaining = new Map(highs);
  const records: TopicRecord[] = [];
  let settle!: (error?: Error) => void;
  const finished = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  // it may fail (deadline, crash) before anyone awaits it; the await below still sees the error
  finished.catch(() => undefined);

  const reached = (topic: string, partition: number, offset: string): void => {
    const key = partitionKey(topic, partition);
    const high = remaining.get(key);
    if (high !== undefined && BigInt(offset) + 1n >= high) remaining.delete(key);
    if (remaining.size === 0) settle();
  };
  // batches of only control records or aborted messages never reach eachMessage, but they do end here
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => reached(payload.topic, payload.partition, payload.lastOffset));
  consumer.on(consumer.events.CRASH, ({ payload }) => settle(payload.error));

  const timer = setTimeout(
    () => settle(new Error(`topic dump timed out after ${timeoutMs} ms; unread: ${[...remaining.keys()].join(', ')}`)),
    timeoutMs,
  );
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set([...highs.keys()].map(topicOf))], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const high = highs.get(partitionKey(topic, partition));
        if (high === undefined || BigInt(message.offset) >= high) return;
        records.push({
          topic,
          partition,
          offset: message.offset,
          timestamp: message.timestamp,
          key: message.key,
          value: message.value,
          headers: normaliseHeaders(message.headers),
        });
        reached(topic, partition, message.offset);
      },
    });
    await finished;
    return records;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}

function normaliseHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> = {}): Record<string, Buffer[]> {
  const out: Record<string, Buffer[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
  }
  return out;
}
