import { TopicName } from '@sealpost/contracts';
import { KafkaEndpoint, kafkaClient } from './kafka-endpoint';

export type ProbeOutcome = 'allowed' | 'denied';

const DENIED = /TOPIC_AUTHORIZATION_FAILED|GROUP_AUTHORIZATION_FAILED|Topic authorization failed|Group authorization failed/;

/**
 * The broker's refusal, as kafkajs reports it. A group the principal may not use comes back as
 * KafkaJSGroupCoordinatorNotFound (kafkajs drops the GROUP_AUTHORIZATION_FAILED underneath), so
 * callers pair such probes with an allowed one showing the coordinator is there.
 */
function isDenial(err: unknown): boolean {
  const e = err as { type?: string; name?: string; message?: string };
  return DENIED.test(`${e.type} ${e.message}`) || e.name === 'KafkaJSGroupCoordinatorNotFound';
}

/** Produces one record as `endpoint`'s principal; "denied" only when the broker says so. */
export async function probeWrite(endpoint: KafkaEndpoint, topic: TopicName): Promise<ProbeOutcome> {
  const producer = kafkaClient(endpoint, 'sealpost-acl-probe').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: 'probe', value: 'acl-probe' }] });
    return 'allowed';
  } catch (err) {
    if (isDenial(err)) return 'denied';
    throw err;
  } finally {
    await producer.disconnect();
  }
}

/**
 * Joins `groupId` and fetches the topic (committing nothing): a completed fetch is "allowed".
 * A broker still loading its group coordinator answers retriably; the probe then starts over.
 */
export async function probeRead(endpoint: KafkaEndpoint, topic: TopicName, groupId: string, attempts = 20): Promise<ProbeOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await probeReadOnce(endpoint, topic, groupId);
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function probeReadOnce(endpoint: KafkaEndpoint, topic: TopicName, groupId: string): Promise<ProbeOutcome> {
  const consumer = kafkaClient(endpoint, 'sealpost-acl-probe').consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  const outcome = new Promise<ProbeOutcome>((resolve, reject) => {
    consumer.on(consumer.events.FETCH, () => resolve('allowed'));
    consumer.on(consumer.events.CRASH, ({ payload }) => (isDenial(payload.error) ? resolve('denied') : reject(payload.error)));
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    return await outcome;
  } catch (err) {
    if (isDenial(err)) return 'denied';
    throw err;
  } finally {
    await consumer.disconnect();
  }
}

