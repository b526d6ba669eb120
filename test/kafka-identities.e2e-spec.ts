import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumerGroupPrefix, KafkaPrincipal, kafkaPasswordVariable, SERVICE_NAMES, ServiceName, TOPIC_SPECS, topicGrants, TopicName, TOPICS } from '@sealpost/contracts';
import { projectRoot, ServiceProcess } from '@sealpost/infra';
import { kafkaClient, kafkaPasswordVariables, probeRead, probeWrite, testInfra, testKafka } from '@sealpost/testing';

const tryWrite = (principal: KafkaPrincipal, topic: TopicName) => probeWrite(testKafka(principal), topic);
const tryRead = (principal: KafkaPrincipal, topic: TopicName, groupId: string) => probeRead(testKafka(principal), topic, groupId);

async function highWatermarks(topic: TopicName): Promise<string[]> {
  const admin = kafkaClient(testKafka()).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map((p) => p.high);
  } finally {
    await admin.disconnect();
  }
}

const probeGroup = (service: ServiceName) => `${consumerGroupPrefix(service)}acl-probe-${Date.now()}`;
const granted = (principal: Exclude<KafkaPrincipal, 'admin'>, operation: 'read' | 'write') =>
  new Set(topicGrants(principal).filter((g) => g.operation === operation).map((g) => g.topic));
const topics = TOPIC_SPECS.map((t) => t.name);

/** CONTRACT §10 enforced by the broker, not by convention: each principal may do what the topic table says, and nothing else. */
describe('kafka identities: the broker enforces the contract topic table', () => {
  beforeAll(() => {
    if (!testInfra().kafkaIdentities) throw new Error('the test broker does not enforce identities: run on the embedded infrastructure (TEST_INFRA=embedded)');
  });

  it.each(SERVICE_NAMES)('%s may write only the topics it produces; the broker denies every other write and stores nothing', async (service) => {
    const allowed = granted(service, 'write');
    const forbidden = topics.filter((t) => !allowed.has(t));
    const before = await Promise.all(forbidden.map(highWatermarks));
    const outcomes = await Promise.all(forbidden.map((t) => tryWrite(service, t)));
    expect(Object.fromEntries(forbidden.map((t, i) => [t, outcomes[i]]))).toEqual(Object.fromEntries(forbidden.map((t) => [t, 'denied'])));
    expect(await Promise.all(forbidden.map(highWatermarks))).toEqual(before);
  });

  it.each(SERVICE_NAMES)('%s may read only the topics it consumes, in its own consumer groups', async (service) => {
    const allowed = granted(service, 'read');
    const forbidden = topics.filter((t) => !allowed.has(t));
    const outcomes = await Promise.all(forbidden.map((t, i) => tryRead(service, t, `${probeGroup(service)}-${i}`)));
    expect(Object.fromEntries(forbidden.map((t, i) => [t, outcomes[i]]))).toEqual(Object.fromEntries(forbidden.map((t) => [t, 'denied'])));
    // the same probe succeeds where the table allows it, so the denials above are the ACLs at work
    const own = [...allowed][0];
    if (own) {
      expect(await tryRead(service, own, `${probeGroup(service)}-own`)).toBe('allowed');
      const other = SERVICE_NAMES.find((s) => s !== service)!;
      expect(await tryRead(service, own, `${consumerGroupPrefix(other)}acl-probe-${Date.now()}`)).toBe('denied');
    }
  });

  it('a business producer may only write the submit topic, and may read nothing', async () => {
    expect(await tryWrite('business', TOPICS.messagesSubmitDlq)).toBe('denied');
    for (const topic of topics.filter((t) => t !== TOPICS.messagesSubmit)) expect([topic, await tryWrite('business', topic)]).toEqual([topic, 'denied']);
    const reads = await Promise.all(topics.map((t, i) => tryRead('business', t, `sealpost-business.probe-${Date.now()}-${i}`)));
    expect(reads).toEqual(topics.map(() => 'denied'));
    expect(await tryRead('admin', TOPICS.messagesSubmit, `sealpost-admin.probe-${Date.now()}`)).toBe('allowed');
  });
});

describe('kafka identities: a rejected password stops the service once, naming where the password came from', () => {
  async function startWith(env: Record<string, string>, dataDir: string): Promise<{ code: number | null; output: string }> {
    const logFile = join(dataDir, 'delivery.log');
    const infra = testInfra();
    const p = new ServiceProcess({
      service: 'delivery',
      port: 13998,
      logFile,
      env: { PATH: process.env.PATH, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl, SEALPOST_ADMIN_TOKEN: 'a-long-enough-admin-token', SEALPOST_DATA_DIR: dataDir, ...env },
    });
    p.start();
    const code = await p.exited();
    return { code, output: readFileSync(logFile, 'utf8') };
  }

  const freshDataDir = (name: string) => {
    const dir = join(projectRoot(), '.sealpost', 'test-runs', `${name}-${process.pid}-${Date.now()}`);
    mkdirSync(join(dir, 'credentials'), { recursive: true });
    return dir;
  };

  it('names the variable when SEALPOST_KAFKA_DELIVERY_PASSWORD is wrong, and never prints the password', async () => {
    const wrong = 'wrong-password-canary-7f3a9c';
    const { code, output } = await startWith({ [kafkaPasswordVariable('delivery')]: wrong }, freshDataDir('bad-kafka-env'));
    expect(code).toBe(1);
    expect(output).toMatch(/Kafka rejected the credentials of sealpost-delivery.*SEALPOST_KAFKA_DELIVERY_PASSWORD/);
    expect(output).not.toContain(wrong);
    expect(output.match(/Kafka rejected the credentials/g)?.length).toBeLessThanOrEqual(2);
  });

  it('names the credential file when the generated password in it is wrong', async () => {
    const dir = freshDataDir('bad-kafka-file');
    const file = join(dir, 'credentials', 'kafka-delivery.password');
    writeFileSync(file, 'not-the-provisioned-password', { mode: 0o600 });
    const { code, output } = await startWith({}, dir);
    expect(code).toBe(1);
    expect(output).toContain(`The password comes from ${file}`);
    expect(output).not.toContain('not-the-provisioned-password');
  });

  it('starts normally with the provisioned password (the control for the two cases above)', async () => {
    const dir = freshDataDir('good-kafka');
    const infra = testInfra();
    const p = new ServiceProcess({
      service: 'delivery',
      port: 13997,
      logFile: join(dir, 'delivery.log'),
      env: { PATH: process.env.PATH, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl, SEALPOST_ADMIN_TOKEN: 'a-long-enough-admin-token', SEALPOST_DATA_DIR: dir, ...kafkaPasswordVariables(infra, ['delivery']) },
    });
    p.start();
    try {
      await p.waitReady(60000);
    } finally {
      await p.stop();
    }
  });
});
