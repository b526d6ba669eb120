import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@sealpost/contracts';
import { pseudonymize } from '@sealpost/crypto';
import {
  dumpDatabases,
  dumpTopics,
  FakeDevice,
  FakeWebhookReceiver,
  kafkaClient,
  mediaForm,
  OnboardedBusiness,
  pngImage,
  SealpostClient,
  SubmitProducer,
  Suite,
  testInfra,
  testKafka,
  testPhone,
  textMessage,
  waitFor,
} from '@sealpost/testing';

interface RunStatus {
  status: string;
  purged: Record<string, number>;
  keys_destroyed: number;
  media_purged: number;
  late: string[];
}

/** Thirty days, then gone everywhere — exercised with PT5S policies and PT2S key epochs. */
describe('retention: expiry, crypto-shredding and erasure', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let shortLived: OnboardedBusiness;
  let longLived: OnboardedBusiness;
  const devices: FakeDevice[] = [];

  const recipient = () => client.newRecipient(devices);

  async function sendDelivered(business: OnboardedBusiness, phone: string, device: FakeDevice): Promise<string> {
    const id = await client.sendText(business, phone, `hello ${randomUUID()}`);
    await waitFor('delivery', async () => device.deliveredIds().includes(id), 30000);
    return id;
  }

  async function runToCompletion(path: string): Promise<RunStatus & { sweep_id: string }> {
    const started = await suite.admin('retention', path, { method: 'POST' });
    expect(started.status).toBe(202);
    const { sweep_id } = (await started.json()) as { sweep_id: string };
    let status: RunStatus | undefined;
    await waitFor('the sweep to finish', async () => {
      status = (await (await suite.admin('retention', `/admin/sweeps/${sweep_id}`)).json()) as RunStatus;
      return status.status === 'done';
    }, 60000);
    return { ...status!, sweep_id };
  }

  /** the accepted envelope of a message, as a copy left in Kafka would be */
  async function capturedEnvelope(messageId: string) {
    const records = await dumpTopics(testKafka(), { topics: [TOPICS.messagesAccepted] });
    const record = records.find((r) => r.value?.toString().includes(messageId));
    if (!record) throw new Error(`no accepted envelope for ${messageId}`);
    return record;
  }

  async function replay(record: { key: Buffer | null; value: Buffer | null }): Promise<void> {
    const producer = kafkaClient(testKafka()).producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.messagesAccepted, messages: [{ key: record.key, value: record.value }] });
    await producer.disconnect();
  }

  /** what the keys service answers delivery (the only service allowed to open message keys) */
  async function unwrapAsDelivery(keyId: string): Promise<number> {
    const token = readFileSync(join(suite.dataDir, 'credentials', 'keys-delivery.token'), 'utf8').trim();
    const res = await fetch(`${suite.url('keys')}/internal/data-keys/unwrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-sealpost-caller': 'delivery' },
      body: JSON.stringify({ key_id: keyId }),
    });
    return res.status;
  }

  async function placesHolding(text: string): Promise<string[]> {
    const docs = await dumpDatabases(testInfra().mongoUrl);
    return docs.filter((d) => d.database !== 'sealpost_audit' && JSON.stringify(d.document).includes(text)).map((d) => `${d.database}.${d.collection}`);
  }

  /** every database, the audit log's included, and every topic that holds the text */
  async function anywhereHolding(text: string): Promise<string[]> {
    const docs = (await dumpDatabases(testInfra().mongoUrl)).filter((d) => JSON.stringify(d.document).includes(text)).map((d) => `${d.database}.${d.collection}`);
    const records = (await dumpTopics(testKafka())).filter((r) => `${r.key?.toString() ?? ''} ${r.value?.toString() ?? ''}`.includes(text)).map((r) => r.topic);
    return [...new Set([...docs, ...records])];
  }

  async function keysDocuments(collection: string): Promise<Record<string, unknown>[]> {
    return (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).filter((d) => d.collection === collection).map((d) => d.document);
  }

  /** what anyone holding every key computes from a number: its lookup pseudonym under the suite's pseudonym key */
  async function lookupPseudonym(phone: string): Promise<string> {
    const token = readFileSync(join(suite.dataDir, 'credentials', 'keys-ingestion.token'), 'utf8').trim();
    const res = await fetch(`${suite.url('keys')}/internal/data-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-sealpost-caller': 'ingestion' },
      body: JSON.stringify({ business_id: '_sealpost', kind: 'pseudonym' }),
    });
    return pseudonymize(Buffer.from(((await res.json()) as { key: string }).key, 'base64url'), phone.slice(1));
  }

  /** the recipient pseudonym the audit log's message.accepted event of this message carries */
  async function auditedRecipient(messageId: string): Promise<string> {
    let recipient: string | undefined;
    await waitFor('the accepted event in the audit log', async () => {
      // by business: earlier suites of the run (the load runs) leave thousands of message.accepted events
      const events = (await (await suite.admin('audit', `/admin/audit/events?type=message.accepted&business_id=${longLived.business_id}&limit=1000`)).json()) as { correlationId: string; payload: { detail?: { recipient?: string } } }[];
      recipient = events.find((e) => e.correlationId === messageId)?.payload.detail?.recipient;
      return recipient !== undefined;
    }, 30000);
    return recipient!;
  }

  beforeAll(async () => {
    suite = await Suite.start({
      env: {
        SEALPOST_KEY_EPOCH: 'PT2S',
        SEALPOST_RETENTION_SWEEP_INTERVAL: 'PT1H',
        SEALPOST_RETENTION_REPORT_DEADLINE: 'PT3S',
        SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S',
        SEALPOST_DELIVERY_RETRY_MAX: 'PT0.5S',
      },
    });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    shortLived = await client.onboard(receiver.url, 1000, 'Short Lived');
    longLived = await client.onboard(receiver.url, 1000, 'Long Lived');
    const put = await suite.admin('retention', `/admin/policies/${shortLived.business_id}`, { method: 'PUT', body: JSON.stringify({ max_age: 'PT5S' }) });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('after the cutoff and a sweep, a message is gone everywhere but the audit log, and its key is destroyed', async () => {
    const { phone, device } = await recipient();
    const expiring = await sendDelivered(shortLived, phone, device);
    const kept = await sendDelivered(longLived, phone, device);
    const envelope = await capturedEnvelope(expiring);
    const keyId = (JSON.parse(envelope.value!.toString()) as { payload: { sealed: { key_id: string } } }).payload.sealed.key_id;
    expect(await unwrapAsDelivery(keyId)).toBe(200);

    await waitFor('the message to pass its 5 s policy and its 2 s key epoch', async () => {
      const keys = (await (await suite.admin('keys', `/admin/keys?business_id=${shortLived.business_id}`)).json()) as { key_id: string; epoch_end: string | null }[];
      const epochEnd = Date.parse(keys.find((k) => k.key_id === keyId)!.epoch_end!);
      return Date.now() > epochEnd + 5000 + 500;
    }, 30000);
    const sweep = await runToCompletion('/admin/sweeps');
    expect(sweep.keys_destroyed).toBeGreaterThan(0);
    expect(sweep.purged.ingestion).toBeGreaterThan(0);

    expect((await client.status(shortLived, expiring)).status).toBe(404);
    expect(await placesHolding(expiring)).toEqual([]);
    const keys = (await (await suite.admin('keys', `/admin/keys?business_id=${shortLived.business_id}`)).json()) as { key_id: string; state: string; destroyed_at: string | null }[];
    expect(keys.find((k) => k.key_id === keyId)).toMatchObject({ state: 'destroyed', destroyed_at: expect.any(String) });
    expect(await unwrapAsDelivery(keyId)).toBe(410);

    // a copy left in Kafka, replayed: no service can open it any more, so it reaches no device
    const receivedBefore = device.received.length;
    await replay(envelope);
    const probe = await sendDelivered(longLived, phone, device);
    expect(device.received.slice(receivedBefore).map((m) => m.message_id)).toEqual([probe]);

    // the other business, under the default 30 days, is untouched and still deliverable
    expect(((await (await client.status(longLived, kept)).json()) as { status: string }).status).toMatch(/delivered|read/);
  });

  it('after the cutoff and a sweep, uploaded media is gone with its ciphertext; another business keeps its own', async () => {
    const upload = async (as: OnboardedBusiness) => {
      const res = await fetch(`${suite.url('ingestion')}/v23.0/${as.phone_number_id}/media`, { method: 'POST', headers: { authorization: `Bearer ${as.access_token}` }, body: mediaForm(pngImage(5000), 'image/png') });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: string }).id;
    };
    const retrieve = (as: OnboardedBusiness, id: string) => fetch(`${suite.url('ingestion')}/v23.0/${id}`, { headers: { authorization: `Bearer ${as.access_token}` } });
    const chunksOf = async (id: string) => (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_ingestion'] })).filter((d) => d.collection === 'media.chunks' && (d.document as { files_id?: string }).files_id === id).length;
    const expiring = await upload(shortLived);
    const kept = await upload(longLived);
    expect(await chunksOf(expiring)).toBeGreaterThan(0);
    const uploadedAt = Date.now();

    await waitFor('the media to pass its 5 s policy', async () => Date.now() > uploadedAt + 5500, 10000);
    const sweep = await runToCompletion('/admin/sweeps');
    expect(sweep.media_purged).toBeGreaterThanOrEqual(1);
    expect((await retrieve(shortLived, expiring)).status).toBe(404);
    expect(await chunksOf(expiring)).toBe(0);
    expect((await retrieve(longLived, kept)).status).toBe(200);
  });

  it('drops pending retries of an expired message and reports it failed', async () => {
    const { phone, device } = await recipient();
    device.respondWith(503);
    const acceptedAt = Date.now();
    const id = await client.sendText(shortLived, phone, 'never arrives');
    await waitFor('a few failed attempts', async () => device.rejected.length >= 2, 30000);
    await waitFor('the message to outlive its 5 s policy', async () => Date.now() > acceptedAt + 5500, 15000);
    await runToCompletion('/admin/sweeps');
    device.respondWith(200);
    await waitFor('a failed status on the status topic', async () => {
      const statuses = await dumpTopics(testKafka(), { topics: [TOPICS.messagesStatus] });
      return statuses.some((r) => r.value?.toString().includes(id) && r.value.toString().includes('"failed"'));
    }, 30000);
    const probe = await sendDelivered(longLived, phone, device);
    expect(device.deliveredIds()).toEqual([probe]);
  });

  it('erasing one number removes that person everywhere and leaves other recipients deliverable', async () => {
    const erased = await recipient();
    const other = await recipient();
    const erasedMessage = await sendDelivered(longLived, erased.phone, erased.device);
    const otherMessage = await sendDelivered(longLived, other.phone, other.device);
    const envelope = await capturedEnvelope(erasedMessage);
    const recipientKeyId = (JSON.parse(envelope.value!.toString()) as { payload: { recipient_key_id: string } }).payload.recipient_key_id;

    // retention holds no pseudonym key: the keys service refuses it one and turns the number into its pseudonym for it
    const retentionToken = readFileSync(join(suite.dataDir, 'credentials', 'keys-retention.token'), 'utf8').trim();
    const pseudonymKey = await fetch(`${suite.url('keys')}/internal/data-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${retentionToken}`, 'x-sealpost-caller': 'retention' },
      body: JSON.stringify({ business_id: '_sealpost', kind: 'pseudonym' }),
    });
    expect(pseudonymKey.status).toBe(403);

    // the person's recipient key row: filed under the number's lookup pseudonym, holding the random pseudonym the audit log got
    const lookup = await lookupPseudonym(erased.phone);
    const audited = await auditedRecipient(erasedMessage);
    expect(await keysDocuments('data_keys')).toContainEqual(expect.objectContaining({ kind: 'recipient', business_id: lookup, pseudonym: audited, key_id: recipientKeyId }));
    const tombstonesBefore = await keysDocuments('erased_numbers');

    const started = await suite.admin('retention', '/admin/erasures', { method: 'POST', body: JSON.stringify({ phone: erased.phone }) });
    expect(started.status).toBe(202);
    const { erasure_id } = (await started.json()) as { erasure_id: string };
    await waitFor('the erasure to finish', async () => ((await (await suite.admin('retention', `/admin/erasures/${erasure_id}`)).json()) as RunStatus).status === 'done', 60000);

    expect((await client.status(longLived, erasedMessage)).status).toBe(404);
    expect(await placesHolding(erasedMessage)).toEqual([]);
    // the recipient key is destroyed, and its row cut loose from the person: the metadata every destroyed key keeps, nothing more
    expect(await unwrapAsDelivery(recipientKeyId)).toBe(410);
    expect((await keysDocuments('data_keys')).filter((k) => k.key_id === recipientKeyId || k.business_id === lookup || k.pseudonym === audited)).toEqual([
      expect.objectContaining({ key_id: recipientKeyId, kind: 'recipient', business_id: `destroyed:${recipientKeyId}`, wrapped: null, destroyed_at: expect.anything() }),
    ]);
    const destroyedRow = (await keysDocuments('data_keys')).find((k) => k.key_id === recipientKeyId)!;
    expect(destroyedRow).not.toHaveProperty('pseudonym');
    expect(destroyedRow).not.toHaveProperty('used_until');
    const listed = (await (await suite.admin('keys', `/admin/keys?business_id=destroyed:${recipientKeyId}`)).json()) as { key_id: string; state: string }[];
    expect(listed).toEqual([expect.objectContaining({ key_id: recipientKeyId, state: 'destroyed' })]);
    // what is left is one tombstone holding nothing but its id
    const tombstones = await keysDocuments('erased_numbers');
    expect(tombstones).toHaveLength(tombstonesBefore.length + 1);
    for (const tombstone of tombstones) expect(Object.keys(tombstone)).toEqual(['_id']);
    // unlinkable: the lookup pseudonym, computed from the number with the suite's keys, matches nothing in any database
    // (the audit log's included) or topic, and the pseudonym the audit log holds is in no other database
    expect(await anywhereHolding(lookup)).toEqual([]);
    expect(await placesHolding(audited)).toEqual([]);

    // no device can be filed under the number again, and erasing it again finds nothing more
    const devicesBefore = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] })).filter((d) => d.collection === 'devices').length;
    const reRegistered = await suite.admin('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify({ phone: erased.phone, endpoint_url: erased.device.url, public_key: erased.device.publicKey }) });
    expect(reRegistered.status).toBe(400);
    expect(await reRegistered.json()).toMatchObject({ error: { code: 131026, error_data: { details: expect.stringMatching(/erased/) } } });
    expect((await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] })).filter((d) => d.collection === 'devices').length).toBe(devicesBefore);
    const again = await suite.admin('retention', '/admin/erasures', { method: 'POST', body: JSON.stringify({ phone: erased.phone }) });
    expect(again.status).toBe(202);
    const { erasure_id: againId } = (await again.json()) as { erasure_id: string };
    await waitFor('the second erasure to finish', async () => ((await (await suite.admin('retention', `/admin/erasures/${againId}`)).json()) as RunStatus).status === 'done', 60000);
    expect(await keysDocuments('erased_numbers')).toHaveLength(tombstones.length);
    const devicesLeft = (await (await suite.admin('delivery', '/admin/devices')).json()) as { endpoint_url: string }[];
    expect(devicesLeft.map((d) => d.endpoint_url)).not.toContain(erased.device.url);

    expect((await client.status(longLived, otherMessage)).status).toBe(200);
    const otherAgain = await sendDelivered(longLived, other.phone, other.device);
    expect(other.device.deliveredIds()).toContain(otherAgain);

    // the person asked to be forgotten: a new send to the number is refused, over HTTP and over Kafka, and nothing is kept
    const messagesBefore = (await dumpDatabases(testInfra().mongoUrl)).filter((d) => d.database === 'sealpost_ingestion' && d.collection === 'messages').length;
    const refused = await client.sendRaw(longLived, JSON.stringify(textMessage(erased.phone, 'are you there?')));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 131026, error_data: { details: expect.stringMatching(/erased/) } } });
    const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
    const producer = await SubmitProducer.connect(testKafka('business'));
    try {
      await producer.submit({ ...textMessage(erased.phone, 'are you there?'), phone_number_id: longLived.phone_number_id }, { appSecret: longLived.app_secret });
      await waitFor('a failed webhook for the send to the erased number', async () => receiver.statuses().some((st) => st.status === 'failed' && st.errors?.[0]?.code === 131026 && /erased/.test(st.errors[0].message ?? '')), 30000);
      expect((await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length).toBe(dlqBefore + 1);
      // the consumer moved on: a send after it reaches its device
      await producer.submit({ ...textMessage(other.phone, 'still here'), phone_number_id: longLived.phone_number_id }, { appSecret: longLived.app_secret });
      await waitFor('the send behind it', async () => other.device.received.length >= 3, 30000);
    } finally {
      await producer.disconnect();
    }
    const messagesAfter = (await dumpDatabases(testInfra().mongoUrl)).filter((d) => d.database === 'sealpost_ingestion' && d.collection === 'messages').length;
    expect(messagesAfter).toBe(messagesBefore + 1); // the one sent to the other number
    expect(erased.device.received.filter((m) => m.message_id !== erasedMessage)).toEqual([]);
  });

  it('a service down during a sweep purges once back; until then the sweep names it late', async () => {
    await suite.service('delivery').stop();
    try {
      const started = await suite.admin('retention', '/admin/sweeps', { method: 'POST' });
      const { sweep_id } = (await started.json()) as { sweep_id: string };
      await waitFor('the sweep to name delivery late', async () => {
        const status = (await (await suite.admin('retention', `/admin/sweeps/${sweep_id}`)).json()) as RunStatus;
        return status.status === 'running' && status.late.includes('delivery') && !status.late.includes('ingestion');
      }, 30000);
      suite.service('delivery').start();
      await suite.service('delivery').waitReady();
      await waitFor('the sweep to finish once delivery is back', async () => ((await (await suite.admin('retention', `/admin/sweeps/${sweep_id}`)).json()) as RunStatus).status === 'done', 60000);
    } finally {
      if (!suite.service('delivery').running) {
        suite.service('delivery').start();
        await suite.service('delivery').waitReady();
      }
    }
  });

  it("the audit log holds one message's whole life — send, deliver, read, sweep — in order and without content", async () => {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    const canary = `canary-${randomUUID()}`;
    const messageId = await client.sendText(shortLived, phone, canary);
    await waitFor('delivery', async () => device.deliveredIds().includes(messageId), 30000);
    expect((await client.receipt(device_token, messageId)).status).toBe(202);
    const acceptedAt = Date.now();
    await waitFor('the read status', async () => ((await (await client.status(shortLived, messageId)).json()) as { status?: string }).status === 'read', 30000);
    await waitFor('the message to outlive its 5 s policy and 2 s epoch', async () => Date.now() > acceptedAt + 8000, 15000);
    const { sweep_id: sweepId } = await runToCompletion('/admin/sweeps');

    type AuditView = { seq: number; type: string; correlationId: string; causationId?: string; payload: { target?: string } };
    const all: AuditView[] = [];
    await waitFor('the sweep reports in the audit log', async () => {
      all.length = 0;
      for (let after = 0; ; ) {
        const page = (await (await suite.admin('audit', `/admin/audit/events?after_seq=${after}&limit=1000`)).json()) as AuditView[];
        all.push(...page);
        if (page.length < 1000) break;
        after = page[page.length - 1].seq;
      }
      return all.filter((e) => e.type === 'retention.purged' && e.correlationId === sweepId).length === 3;
    }, 30000);
    const life = all.filter((e) => e.correlationId === messageId).map((e) => e.type);
    expect(life.filter((t) => t.startsWith('message.'))).toEqual(['message.accepted', 'message.sent', 'message.delivered', 'message.read']);
    const sweepStarted = all.find((e) => e.type === 'retention.sweep_started' && e.correlationId === sweepId)!;
    const lifeEnd = Math.max(...all.filter((e) => e.correlationId === messageId).map((e) => e.seq));
    expect(sweepStarted.seq).toBeGreaterThan(lifeEnd);
    expect(all.filter((e) => e.type === 'retention.purged' && e.correlationId === sweepId)).toHaveLength(3);
    expect(all.some((e) => e.type === 'key.destroyed' && e.causationId === sweepId)).toBe(true);

    const auditDocs = await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_audit'] });
    const text = JSON.stringify(auditDocs.map((d) => d.document));
    expect(text).not.toContain(canary);
    expect(text).not.toContain(phone.slice(1));
  });

  describe('bad input gets a 400 with a clear error and changes nothing', () => {
    it.each(['P31D', 'PT0S', 'garbage', ''])('max_age %p', async (maxAge) => {
      const res = await suite.admin('retention', `/admin/policies/${shortLived.business_id}`, { method: 'PUT', body: JSON.stringify({ max_age: maxAge }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/max_age/) } } });
      const policy = (await (await suite.admin('retention', `/admin/policies/${shortLived.business_id}`)).json()) as { max_age: string };
      expect(policy.max_age).toBe('PT5S');
    });

    it('an unknown business', async () => {
      const res = await suite.admin('retention', '/admin/policies/999999999999999', { method: 'PUT', body: JSON.stringify({ max_age: 'P7D' }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { message: 'Unknown business' } });
    });

    it('an invalid phone number for erasure', async () => {
      const res = await suite.admin('retention', '/admin/erasures', { method: 'POST', body: JSON.stringify({ phone: '+1 555 0100' }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/phone/) } } });
    });
  });
});

describe('retention: sweeps also run on their own schedule', () => {
  it('starts a sweep every SEALPOST_RETENTION_SWEEP_INTERVAL', async () => {
    const suite = await Suite.start({ services: ['retention'], env: { SEALPOST_RETENTION_SWEEP_INTERVAL: 'PT1S' } });
    try {
      await waitFor('two scheduled sweeps', async () => {
        const runs = await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_retention'] });
        return runs.filter((d) => d.collection === 'retention_runs' && d.document.trigger === 'schedule').length >= 2;
      }, 30000, 500);
    } finally {
      await suite.stop();
    }
  });
});
