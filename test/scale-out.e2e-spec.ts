import { TOPIC_SPECS, TOPICS } from '@sealpost/contracts';
import { Suite, testKafka, waitFor } from '@sealpost/testing';
import { CHAOS_SUITE_ENV } from '../tools/chaos/chaos-run';
import { partitionOwners } from '../tools/chaos/partition-owners';

const PARTITIONS = (topic: string) => TOPIC_SPECS.find((t) => t.name === topic)!.partitions;

/**
 * Two instances of ingestion and of delivery split the partitions. Losing one mid-load is
 * `npm run chaos -- --instances 2 --faults lose-ingestion-instance,lose-delivery-instance`,
 * which does not pass yet (README, Known limits), so it is not part of npm test.
 */
describe('scale-out: two instances share the load by partition', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await Suite.start({ env: CHAOS_SUITE_ENV, instances: { ingestion: 2, delivery: 2 } });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('splits submit and accepted partitions across the two instances of each service', async () => {
    for (const [service, topic] of [['ingestion', TOPICS.messagesSubmit], ['delivery', TOPICS.messagesAccepted]] as const) {
      let owners: number[][] = [];
      await waitFor(`${service}'s two instances to share ${topic}`, async () => {
        owners = await partitionOwners(testKafka(), service, topic);
        return owners.length === 2 && owners.every((p) => p.length > 0);
      }, 60000, 500);
      expect(owners.flat().sort((a, b) => a - b)).toEqual([...Array(PARTITIONS(topic)).keys()]);
    }
  });
});
