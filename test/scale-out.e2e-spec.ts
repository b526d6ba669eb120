import { TOPIC_SPECS, TOPICS } from '@sealpost/contracts';
import { Suite, testInfra, testInfraControl, testKafka, waitFor } from '@sealpost/testing';
import { CHAOS_SUITE_ENV, formatReport, runChaos } from '../tools/chaos/chaos-run';
import { partitionOwners } from '../tools/chaos/partition-owners';

const PARTITIONS = (topic: string) => TOPIC_SPECS.find((t) => t.name === topic)!.partitions;

/** Two instances of ingestion and of delivery split the partitions; losing one moves its share, losing nothing. */
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

  it('loses nothing and doubles nothing when one instance of each dies mid-run', async () => {
    const report = await runChaos(suite, testInfra(), testInfraControl(), {
      durationMs: 45000,
      ratePerSecond: 3,
      recipients: 12,
      faults: ['lose-ingestion-instance', 'lose-delivery-instance'],
      holdMs: 4000,
      quiesceMs: 120000,
    }, (line) => process.stdout.write(`[scale-out] ${line}\n`));
    const printed = formatReport(report);
    process.stdout.write(`${printed}\n`);
    expect(printed).toMatch(/^PASS/);
    expect(report.accepted).toBeGreaterThan(60);
    expect(report.delivery.lost).toEqual([]);
    expect(report.delivery.duplicated).toEqual([]);
    // the survivors own every partition
    expect((await partitionOwners(testKafka(), 'delivery', TOPICS.messagesAccepted)).map((p) => p.length)).toEqual([PARTITIONS(TOPICS.messagesAccepted)]);
  }, 600000);
});
