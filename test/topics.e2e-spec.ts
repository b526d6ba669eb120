import { ConfigResourceTypes } from 'kafkajs';
import { MAX_TOPIC_RETENTION_MS, TOPIC_SEGMENT_MS, TOPIC_SPECS, TOPICS } from '@sealpost/contracts';
import { kafkaClient, Suite, testInfraControl, testKafka, waitFor } from '@sealpost/testing';

/** No record outlives 30 days plus one segment: every topic's retention, checked on the broker. */
describe('topics: explicit partitions and a retention bound on every topic', () => {
  let suite: Suite;
  const admin = () => kafkaClient(testKafka()).admin();

  async function topicConfigs(names: string[]): Promise<Map<string, Record<string, string>>> {
    const client = admin();
    await client.connect();
    try {
      const described = await client.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
      return new Map(described.resources.map((r) => [r.resourceName, Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue]))]));
    } finally {
      await client.disconnect();
    }
  }

  beforeAll(async () => {
    suite = await Suite.start({ services: ['ingestion', 'keys'] });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('gives every contract topic its partitions, retention.ms ≤ 30 days and one-day segments', async () => {
    const client = admin();
    await client.connect();
    const metadata = await client.fetchTopicMetadata({ topics: TOPIC_SPECS.map((t) => t.name) });
    await client.disconnect();
    const configs = await topicConfigs(TOPIC_SPECS.map((t) => t.name));
    for (const spec of TOPIC_SPECS) {
      expect(metadata.topics.find((t) => t.name === spec.name)?.partitions).toHaveLength(spec.partitions);
      const config = configs.get(spec.name)!;
      expect(Number(config['retention.ms'])).toBe(spec.retentionMs);
      expect(Number(config['retention.ms'])).toBeLessThanOrEqual(MAX_TOPIC_RETENTION_MS);
      expect(Number(config['segment.ms'])).toBe(TOPIC_SEGMENT_MS);
    }
  });

  it('pulls a topic whose retention an operator raised back under the bound at the next start', async () => {
    // topics belong to the Kafka admin: the infrastructure's start re-applies the bound (services may not alter configs)
    const client = admin();
    await client.connect();
    await client.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPICS.messagesAccepted, configEntries: [{ name: 'retention.ms', value: String(60 * 86400000) }] }] });
    await client.disconnect();
    expect(Number((await topicConfigs([TOPICS.messagesAccepted])).get(TOPICS.messagesAccepted)!['retention.ms'])).toBe(60 * 86400000);

    await testInfraControl().reprovisionKafka();
    await waitFor('the bound to be restored', async () => Number((await topicConfigs([TOPICS.messagesAccepted])).get(TOPICS.messagesAccepted)!['retention.ms']) <= MAX_TOPIC_RETENTION_MS, 30000);
  });
});
