import { randomBytes } from 'node:crypto';
import { KafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer } from '@testcontainers/mongodb';
import { getContainerRuntimeClient } from 'testcontainers';
import { TOPIC_SPECS } from '@sealpost/contracts';
import { ensureTopics } from '@sealpost/kafka/ensure-topics';
import { kafkaClient } from './kafka-endpoint';
import { TestInfraControl, TestInfraInfo } from './test-infra';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const MONGO_IMAGE = 'mongo:8.0';

/** True when a Docker engine answers within the deadline (a dead DOCKER_HOST must not hang the run). */
export async function containerRuntimeAvailable(timeoutMs = 5000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The official Kafka (KRaft) and MongoDB images, where a Docker engine exists. */
export async function startContainerTestInfra(): Promise<{ info: TestInfraInfo; teardown: () => Promise<void> }> {
  // access control on, as in compose: the tests act as root; services may log in as their own users
  const rootPassword = randomBytes(18).toString('hex');
  const [kafka, mongo] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE).withKraft().start(),
    new MongoDBContainer(MONGO_IMAGE).withUsername('root').withPassword(rootPassword).start(),
  ]);
  return {
    info: {
      provider: 'containers',
      kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      mongoUrl: `mongodb://root:${rootPassword}@${mongo.getHost()}:${mongo.getMappedPort(27017)}/?authSource=admin&directConnection=true`,
      containers: { kafka: kafka.getId(), mongo: mongo.getId() },
    },
    teardown: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}

/** Docker's own stop/start keeps the container (and its port bindings) for the restart. */
export function containerControl(ids: { kafka: string; mongo: string }, brokers: string): TestInfraControl {
  const act = async (id: string, action: 'stop' | 'start') => {
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(id);
    await (action === 'stop' ? client.container.stop(container) : container.start());
  };
  return {
    stopKafka: () => act(ids.kafka, 'stop'),
    startKafka: () => act(ids.kafka, 'start'),
    stopStore: () => act(ids.mongo, 'stop'),
    startStore: () => act(ids.mongo, 'start'),
    reprovisionKafka: async () => {
      const admin = kafkaClient({ brokers }).admin();
      await admin.connect();
      await ensureTopics(admin, TOPIC_SPECS).finally(() => admin.disconnect());
    },
  };
}
