import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigResourceTypes } from 'kafkajs';
import mongoose from 'mongoose';
import { SERVICE_NAMES, SERVICES, TOPICS } from '@sealpost/contracts';
import { projectRoot } from '@sealpost/infra';
import { kafkaClient, Suite, testInfra, testInfraControl, testKafka } from '@sealpost/testing';

const run = promisify(execFile);

/** `npm run privacy:check` against a running suite: every claim PASSes, and each planted fault FAILs the right one. */
describe('privacy:check proves the privacy claims on a running suite', () => {
  let suite: Suite;
  let store: mongoose.Connection;

  async function privacyCheck(...extra: string[]): Promise<{ code: number; out: string; progress: string }> {
    const infra = testInfra();
    const args = [
      '-r', join(projectRoot(), 'infra', 'register-aliases.js'), join(projectRoot(), 'dist', 'tools', 'privacy-check', 'main.js'),
      '--admin-token', suite.adminToken,
      ...SERVICE_NAMES.flatMap((s) => [`--${s}-url`, suite.url(s)]),
      '--kafka-brokers', infra.kafkaBrokers,
      '--mongo-url', infra.mongoUrl,
      // the test broker's generated credentials live in its state folder
      '--data-dir', infra.stateDir!,
      ...SERVICE_NAMES.flatMap((s) => ['--log', suite.logFile(s)]),
      '--wait-seconds', '60',
      '--audit-public-key', join(suite.dataDir, 'audit-signing.key'),
      ...extra,
    ];
    try {
      const { stdout, stderr } = await run(process.execPath, args, { cwd: projectRoot(), env: { PATH: process.env.PATH }, maxBuffer: 16 * 1024 * 1024 });
      return { code: 0, out: stdout, progress: stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout, progress: e.stderr };
    }
  }

  const verdict = (out: string, claim: string) => new RegExp(`^(PASS|FAIL)  ${claim}\\b`, 'm').exec(out)?.[1];
  /** An unexpected verdict prints the whole report: its evidence says why. */
  const expectVerdict = (out: string, claim: string, expected: 'PASS' | 'FAIL') => {
    if (verdict(out, claim) !== expected) process.stdout.write(`privacy:check report:\n${out}\n`);
    expect(verdict(out, claim)).toBe(expected);
  };

  beforeAll(async () => {
    if (!testInfra().kafkaIdentities) throw new Error('privacy:check probes Kafka identities: run on the embedded infrastructure');
    suite = await Suite.start({ env: { SEALPOST_AUDIT_CHECKPOINT_INTERVAL: 'PT2S', SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S' } });
    store = await mongoose.createConnection(testInfra().mongoUrl).asPromise();
  });

  afterAll(async () => {
    await store?.close();
    await suite?.stop();
  });

  it('passes every claim on a freshly started suite, with evidence and progress', async () => {
    const { code, out, progress } = await privacyCheck();
    expect({ code, out, progress: code === 0 ? '' : progress }).toMatchObject({ code: 0 });
    for (const claim of ['canary-nowhere', 'device-opens', 'webhook-opens', 'inbound-audited', 'message-age', 'expired-keys', 'topic-retention', 'kafka-acls', 'audit-chain']) {
      expect([claim, verdict(out, claim)]).toEqual([claim, 'PASS']);
    }
    expect(out).toContain('all 9 claims PASS');
    // the customer's side: sealed by the device, opened for the webhook alone, audited by id, aged like the rest
    expect(out).toMatch(/inbound message wamid\.\S+: sealed by the device to the business's key/);
    expect(out).toMatch(/inbound\.received for wamid\.\S+: outcome success\n\s+inbound\.delivered for wamid\.\S+: outcome success/);
    expect(out).toContain(`${SERVICES.delivery.database}.inbound_messages, ${SERVICES.ingestion.database}.media, ${SERVICES.delivery.database}.inbound_media, all within their policy`);
    expect(out).toContain('downloaded by the business through GET /{version}/{id} byte for byte');
    expect(out).toMatch(/sealpost-delivery: denied all \d+ topic\(s\)/);
    expect(progress).toMatch(/sending a canary message end to end/);
  });

  it('fails canary-nowhere, naming the place but not the text, when plaintext is planted in a database', async () => {
    const planted = `planted-canary-${Date.now()}`;
    const collection = store.useDb(SERVICES.delivery.database).db!.collection('privacy_probe');
    const { insertedId } = await collection.insertOne({ note: `customer said: ${planted}` });
    try {
      const { code, out } = await privacyCheck('--canary', planted);
      expect(code).toBe(1);
      expectVerdict(out, 'canary-nowhere', 'FAIL');
      expect(out).toContain(`found at mongodb:${SERVICES.delivery.database}.privacy_probe/`);
      expect(out).not.toContain(planted);
      expectVerdict(out, 'topic-retention', 'PASS');
    } finally {
      await collection.deleteOne({ _id: insertedId });
    }
  });

  it("fails topic-retention, naming the topic, when a topic's retention is raised past 30 days", async () => {
    const admin = kafkaClient(testKafka()).admin();
    await admin.connect();
    const sixtyDays = String(60 * 86400000);
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPICS.messagesStatus, configEntries: [{ name: 'retention.ms', value: sixtyDays }] }] });
    await admin.disconnect();
    try {
      const { code, out } = await privacyCheck();
      expect(code).toBe(1);
      expectVerdict(out, 'topic-retention', 'FAIL');
      expect(out).toContain(`${TOPICS.messagesStatus}: retention.ms=${sixtyDays} (60.0 days) exceeds 30 days`);
      expectVerdict(out, 'canary-nowhere', 'PASS');
    } finally {
      await testInfraControl().reprovisionKafka();
    }
  });

  it('fails audit-chain when a stored audit event is altered', async () => {
    const records = store.useDb(SERVICES.audit.database).db!.collection('audit_records');
    const victim = (await records.find({ expired: { $ne: true } }).sort({ seq: -1 }).limit(1).toArray())[0];
    await records.updateOne({ _id: victim._id }, { $set: { 'event.occurredAt': '1999-01-01T00:00:00.000Z' } });
    try {
      const { code, out } = await privacyCheck();
      expect(code).toBe(1);
      expectVerdict(out, 'audit-chain', 'FAIL');
      expect(out).toContain(`the audit service reports the chain broken at seq ${victim.seq}`);
      expectVerdict(out, 'kafka-acls', 'PASS');
    } finally {
      await records.updateOne({ _id: victim._id }, { $set: { 'event.occurredAt': victim.event.occurredAt } });
    }
  });

  it('refuses to run without an admin token, saying what is missing', async () => {
    const { code, progress } = await run(process.execPath, ['-r', join(projectRoot(), 'infra', 'register-aliases.js'), join(projectRoot(), 'dist', 'tools', 'privacy-check', 'main.js')], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH },
    }).then(
      () => ({ code: 0, progress: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, progress: err.stderr }),
    );
    expect(code).toBe(2);
    expect(progress).toContain('--admin-token is required');
  });
});
