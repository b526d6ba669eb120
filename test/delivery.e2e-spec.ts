import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  BusinessRouting, createEvent, MESSAGE_EVENT_TYPES, MessageAcceptedPayload, MessagePlaintext, MessageRejectedPayload, TOPIC_SPECS, TOPICS,
} from '@sealpost/contracts';
import { appSecretAad, encryptEnvelope, generateDeviceKeyPair, messageAad, messageKey, pseudonymize, verifySha256 } from '@sealpost/crypto';
import { dumpDatabases, dumpTopics, FakeDevice, FakeWebhookReceiver, kafkaClient, scanForCanaries, Suite, testInfra, testKafka, waitFor, testPhone } from '@sealpost/testing';

interface IssuedKey {
  key_id: string;
  version: number;
  key: Buffer;
  pseudonym?: string;
}

interface TestBusiness {
  businessId: string;
  phoneNumberId: string;
  appSecret: string;
  routing: BusinessRouting;
}

interface CloudApiError {
  error: { code: number; type: string; message: string; fbtrace_id: string; error_data: { details: string } };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Delivery on real Kafka and the real store, with this file standing in for ingestion: it gets
 * data keys from the keys service with ingestion's credential, seals messages exactly as
 * ingestion does and produces them to sealpost.messages.accepted.v1.
 */
describe('delivery: sealed delivery to devices, retries, receipts and status webhooks', () => {
  let suite: Suite;
  let producer: Producer;
  let receiver: FakeWebhookReceiver;
  let business: TestBusiness;
  const devices: FakeDevice[] = [];

  async function issueKey(businessId: string, kind: 'message' | 'business-secret' | 'pseudonym' | 'recipient'): Promise<IssuedKey> {
    const token = readFileSync(join(suite.dataDir, 'credentials', 'keys-ingestion.token'), 'utf8').trim();
    const res = await fetch(`${suite.url('keys')}/internal/data-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-sealpost-caller': 'ingestion' },
      body: JSON.stringify({ business_id: businessId, kind }),
    });
    if (res.status !== 201) throw new Error(`keys answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { key_id: string; version: number; key: string; pseudonym?: string };
    return { key_id: body.key_id, version: body.version, key: Buffer.from(body.key, 'base64url'), pseudonym: body.pseudonym };
  }

  async function onboard(webhookUrl: string): Promise<TestBusiness> {
    const businessId = String(100000 + Math.floor(Math.random() * 899999));
    const phoneNumberId = String(200000 + Math.floor(Math.random() * 799999));
    const appSecret = randomBytes(16).toString('hex');
    const secretKey = await issueKey(businessId, 'business-secret');
    const app_secret = encryptEnvelope(secretKey.key, Buffer.from(appSecret), appSecretAad(businessId), { keyId: secretKey.key_id, keyVersion: secretKey.version });
    return { businessId, phoneNumberId, appSecret, routing: { phone_number_id: phoneNumberId, webhook_url: webhookUrl, app_secret, revision: 1 } };
  }

  function nextPhone(): string {
    return testPhone();
  }

  async function registerDevice(phone: string, device: { url: string; publicKey: string }): Promise<Response> {
    return suite.admin('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify({ phone, endpoint_url: device.url, public_key: device.publicKey }) });
  }

  /** a fresh valid number with one registered device */
  async function recipient(): Promise<{ phone: string; device: FakeDevice; token: string }> {
    const phone = nextPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const res = await registerDevice(phone, device);
    expect(res.status).toBe(201);
    const { device_id, device_token } = (await res.json()) as { device_id: string; device_token: string };
    expect(device_id).toMatch(/^dev_/);
    return { phone, device, token: device_token };
  }

  /** What ingestion would put on the accepted topic for this text, sealed under epoch and recipient keys. */
  async function acceptedEvent(phone: string, text: string, options: { bizOpaque?: string; on?: TestBusiness } = {}) {
    const on = options.on ?? business;
    const messageId = `wamid.${randomUUID()}`;
    const digits = phone.replace(/^\+/, '');
    // as ingestion does: the number's lookup pseudonym finds the recipient key, which carries the person's pseudonym
    const lookup = pseudonymize((await issueKey('_sealpost', 'pseudonym')).key, digits);
    const [epochKey, recipientKey] = await Promise.all([issueKey(on.businessId, 'message'), issueKey(lookup, 'recipient')]);
    const recipient = recipientKey.pseudonym!;
    const plaintext: MessagePlaintext = {
      to: digits,
      content: { type: 'text', text: { body: text } },
      ...(options.bizOpaque !== undefined && { biz_opaque_callback_data: options.bizOpaque }),
    };
    const now = Date.now();
    const payload: MessageAcceptedPayload = {
      message_id: messageId,
      business_id: on.businessId,
      recipient,
      recipient_key_id: recipientKey.key_id,
      accepted_at: new Date(now).toISOString(),
      expires_at: new Date(now + 30 * DAY_MS).toISOString(),
      sealed: encryptEnvelope(messageKey(epochKey.key, recipientKey.key), Buffer.from(JSON.stringify(plaintext)), messageAad(messageId, on.businessId), {
        keyId: epochKey.key_id,
        keyVersion: epochKey.version,
      }),
      business: on.routing,
    };
    return { messageId, payload };
  }

  async function produce(payload: MessageAcceptedPayload): Promise<void> {
    const event = createEvent(MESSAGE_EVENT_TYPES.accepted, payload, { businessId: payload.business_id, correlationId: payload.message_id });
    await producer.send({ topic: TOPICS.messagesAccepted, messages: [{ key: payload.recipient, value: JSON.stringify(event) }] });
  }

  async function send(phone: string, text: string, options: { bizOpaque?: string; on?: TestBusiness } = {}): Promise<string> {
    const { messageId, payload } = await acceptedEvent(phone, text, options);
    await produce(payload);
    return messageId;
  }

  function receipt(token: string, messageId: string): Promise<Response> {
    return fetch(`${suite.url('delivery')}/v1/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ message_id: messageId, status: 'read' }),
    });
  }

  async function deliveryDocuments(): Promise<{ collection: string; document: Record<string, unknown> }[]> {
    return dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] });
  }

  const statusesOf = (messageId: string) => receiver.statusesFor(messageId).map((s) => s.status);
  const hasStatus = (messageId: string, status: 'sent' | 'delivered' | 'read' | 'failed') => async () => statusesOf(messageId).includes(status);

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['keys', 'delivery'],
      env: {
        SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S',
        SEALPOST_DELIVERY_RETRY_MAX: 'PT1S',
        SEALPOST_DELIVERY_TIMEOUT: 'PT2S',
        SEALPOST_WEBHOOK_TIMEOUT: 'PT2S',
      },
    });
    producer = kafkaClient(testKafka(), 'delivery-e2e').producer();
    await producer.connect();
    receiver = await FakeWebhookReceiver.start();
    business = await onboard(receiver.url);
    receiver.setAppSecret(business.appSecret);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('delivers a text the device opens exactly, then reports sent, delivered and read by signed, pure-ASCII webhooks', async () => {
    const { phone, device, token } = await recipient();
    const text = `Café ✓ 🚀 ${randomUUID()}`;
    const bizOpaque = 'order-42 Café ✓ 🚀';
    const messageId = await send(phone, text, { bizOpaque });

    await waitFor('the device to receive the message', async () => device.deliveredIds().includes(messageId), 30000);
    const item = device.received.find((m) => m.message_id === messageId)!;
    expect(item.phone_number_id).toBe(business.phoneNumberId);
    expect(item.timestamp).toMatch(/^\d{10}$/);
    expect(item.sealed.suite).toBe('HPKE-base-X25519-SHA256-AES256GCM');
    expect(await device.open(item)).toEqual({ type: 'text', text: { body: text } });

    await waitFor('sent and delivered webhooks', async () => statusesOf(messageId).includes('delivered'), 30000);
    const answer = await receipt(token, messageId);
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ accepted: true });
    await waitFor('a read webhook', hasStatus(messageId, 'read'), 30000);

    const statuses = receiver.statusesFor(messageId);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const status of statuses) {
      expect(status).toMatchObject({ businessId: business.businessId, phoneNumberId: business.phoneNumberId, recipient_id: phone.slice(1), biz_opaque_callback_data: bizOpaque, signatureValid: true });
      expect(status.timestamp).toMatch(/^\d{10}$/);
    }
    const carrying = receiver.requests.filter((r) => r.rawBody.includes(messageId));
    expect(carrying.length).toBeGreaterThan(0);
    for (const request of carrying) {
      expect(request.ascii).toBe(true);
      expect(request.headers['content-type']).toMatch(/application\/json/);
      expect(verifySha256(business.appSecret, request.rawBody, request.signature)).toBe(true);
      expect(request.rawBody.toString('ascii')).toContain('order-42 Caf\\u00e9 \\u2713 \\ud83d\\ude80');
      expect(request.body).toMatchObject({ object: 'whatsapp_business_account', entry: [{ id: business.businessId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp' } }] }] });
    }

    // the text, the number and the business's data never come to rest in clear
    const hits = await scanForCanaries([text, phone, phone.slice(1), bizOpaque], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: [suite.logFile('delivery')] });
    expect(hits).toEqual([]);
  });

  it('answers 401 to a wrong device token and 404 to a receipt for a message the device never got', async () => {
    const { token } = await recipient();
    for (const authorization of [undefined, 'Bearer not-a-device-token', `Basic ${token}`]) {
      const res = await fetch(`${suite.url('delivery')}/v1/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({ message_id: 'wamid.whatever', status: 'read' }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    }
    const unknown = await receipt(token, `wamid.${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 100 } });
    const badStatus = await fetch(`${suite.url('delivery')}/v1/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ message_id: 'wamid.x', status: 'delivered' }),
    });
    expect(badStatus.status).toBe(400);
  });

  it('does not deliver a message to another device of another number, and a receipt from that device is 404', async () => {
    const alice = await recipient();
    const bob = await recipient();
    const messageId = await send(alice.phone, 'for alice only');
    await waitFor('delivery to alice', async () => alice.device.deliveredIds().includes(messageId), 30000);
    expect(bob.device.posts).toBe(0);
    expect((await receipt(bob.token, messageId)).status).toBe(404);
  });

  it('keeps retrying while the device answers 503 and delivers exactly once when it recovers', async () => {
    const { phone, device } = await recipient();
    device.respondWith(503);
    const messageId = await send(phone, 'patience');
    await waitFor('several refused attempts', async () => device.rejected.filter((m) => m.message_id === messageId).length >= 3, 30000);
    expect(statusesOf(messageId)).not.toContain('delivered');
    device.respondWith(200);
    await waitFor('delivery after recovery', async () => device.deliveredIds().includes(messageId), 30000);
    await waitFor('a delivered webhook', hasStatus(messageId, 'delivered'), 30000);
    expect(device.received.filter((m) => m.message_id === messageId)).toHaveLength(1);
    expect(statusesOf(messageId)).toEqual(['sent', 'delivered']);
  });

  it('fails a message whose device refuses it with a 4xx, without retrying, and tells the business nothing of the device\'s answer', async () => {
    const { phone, device } = await recipient();
    device.respondWith(410);
    const messageId = await send(phone, 'refused');
    await waitFor('a failed webhook', hasStatus(messageId, 'failed'), 30000);
    const failed = receiver.statusesFor(messageId).find((s) => s.status === 'failed')!;
    // the Cloud API's error, not the device's HTTP status (a port and status oracle into the operator's network)
    expect(failed.errors).toEqual([{ code: 131026, title: 'Message undeliverable', message: "The recipient's device refused the message" }]);
    expect(JSON.stringify(failed.errors)).not.toMatch(/410|HTTP/);
    expect(device.rejected.filter((m) => m.message_id === messageId)).toHaveLength(1);
  });

  it('loses nothing and delivers nothing twice when killed with retries pending', async () => {
    const { phone, device } = await recipient();
    device.respondWith(503);
    const before = [await send(phone, 'before the crash 1'), await send(phone, 'before the crash 2')];
    await waitFor('retries to be pending for both', async () => before.every((id) => device.rejected.filter((m) => m.message_id === id).length >= 2), 30000);

    await suite.service('delivery').stop('SIGKILL');
    const during = await send(phone, 'while delivery is down');
    const attemptsBeforeRestart = device.posts;
    suite.service('delivery').start();
    await suite.service('delivery').waitReady();
    await waitFor('retries to resume after the restart', async () => device.posts >= attemptsBeforeRestart + 2, 30000);

    device.respondWith(200);
    const all = [...before, during];
    await waitFor('every message to arrive', async () => all.every((id) => device.deliveredIds().includes(id)), 60000);
    await waitFor('a delivered webhook for each', async () => all.every((id) => statusesOf(id).includes('delivered')), 30000);
    for (const id of all) {
      expect(device.received.filter((m) => m.message_id === id)).toHaveLength(1);
      expect(statusesOf(id)).toEqual(['sent', 'delivered']);
    }
    for (const item of device.received) expect(await device.open(item)).toMatchObject({ type: 'text' });
  });

  it('does not send again a retried POST the device answered, when the process stopped before carrying out its outcome', async () => {
    const { phone, device } = await recipient();
    device.respondWith(503);
    const messageId = await send(phone, 'answered, then the process stopped');
    await waitFor('the message to wait for the poller, sent', hasStatus(messageId, 'sent'), 30000);
    await suite.service('delivery').stop('SIGKILL');

    // what a stop between a POST's answer and its carried-out marker leaves: the job pending under the
    // POST's lapsed lease, and the marker naming that lease (written as AdvanceStatusUseCase.note does)
    const client = await MongoClient.connect(testInfra().mongoUrl);
    try {
      const db = client.db('sealpost_delivery');
      const token = randomUUID();
      const past = new Date(Date.now() - 60000);
      const job = await db.collection<{ _id: string; shard: number }>('device_jobs').findOne({ message_id: messageId });
      await db.collection<{ _id: string }>('device_jobs').updateOne({ _id: job!._id }, { $set: { state: 'pending', lease_token: token, lease_until: past, next_attempt_at: past } });
      await db.collection<Record<string, unknown> & { _id: string }>('announcement_batches').insertOne({
        _id: randomUUID(),
        message_ids: [messageId],
        moves: [{ message_id: messageId, from: 'sent', target: 'delivered' }],
        settled_job_tokens: [token],
        // its writer's shards: recovery finishes it once the restarted process holds them, as the poller starts then too
        owner_shards: [job!.shard],
        created_at: past,
      });
      device.respondWith(200);
      suite.service('delivery').start();
      await suite.service('delivery').waitReady();

      await waitFor('recovery to report the answered POST delivered', hasStatus(messageId, 'delivered'), 30000);
      await waitFor('the marker and its job to be gone', async () => (await db.collection('device_jobs').countDocuments({ message_id: messageId })) === 0 && (await db.collection('announcement_batches').countDocuments({ message_ids: messageId })) === 0, 30000);
      expect(device.received.filter((m) => m.message_id === messageId)).toHaveLength(0);
      expect(statusesOf(messageId)).toEqual(['sent', 'delivered']);
    } finally {
      await client.close();
    }
  });

  it('does not let a status sent straight away overtake an earlier one of its message that waits for the poller', async () => {
    const { phone, device } = await recipient();
    const { messageId, payload } = await acceptedEvent(phone, 'its sent status was stored by an earlier attempt');
    const client = await MongoClient.connect(testInfra().mongoUrl);
    try {
      // what an earlier attempt at this message can leave (a recovery racing a redelivery): its `sent` entry, waiting for the poller
      const now = Date.now();
      const partitions = TOPIC_SPECS.find((t) => t.name === TOPICS.messagesAccepted)!.partitions;
      await client.db('sealpost_delivery').collection<Record<string, unknown> & { _id: string }>('webhook_outbox').insertOne({
        _id: `${messageId}:sent`, entry_id: `${messageId}:sent`, business_id: business.businessId,
        shard: createHash('sha256').update(business.businessId, 'utf8').digest().readUInt32BE(0) % partitions,
        message_id: messageId, status: 'sent', timestamp: String(Math.floor(now / 1000)), state: 'pending', attempts: 0,
        next_attempt_at: new Date(now + 20000), give_up_at: new Date(now + DAY_MS), lease_until: new Date(0), lease_token: null, created_at: new Date(now),
      });
      await produce(payload);
      await waitFor('sent and delivered at the business', async () => (['sent', 'delivered'] as const).every((s) => statusesOf(messageId).includes(s)), 40000);
      expect(statusesOf(messageId)).toEqual(['sent', 'delivered']);
      expect(device.received.filter((m) => m.message_id === messageId)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('stores and delivers nothing of an envelope whose ciphertext was altered', async () => {
    const { phone, device } = await recipient();
    const tampered = await acceptedEvent(phone, 'tampered in transit');
    const ct = Buffer.from(tampered.payload.sealed.ct, 'base64url');
    ct[0] = ct[0]! ^ 0x01;
    tampered.payload.sealed.ct = ct.toString('base64url');
    await produce(tampered.payload);
    // same recipient, same partition: once this one is delivered, the altered one was handled
    const after = await send(phone, 'behind the tampered one');
    await waitFor('the good message behind it', async () => device.deliveredIds().includes(after), 30000);

    expect([...device.received, ...device.rejected].map((m) => m.message_id)).not.toContain(tampered.messageId);
    const stored = (await deliveryDocuments()).filter((d) => JSON.stringify(d.document).includes(tampered.messageId));
    expect(stored).toEqual([]);
    expect(statusesOf(tampered.messageId)).toEqual([]);
  });

  it('sets aside a record no handler can read, audits where it was (not what it held), and delivers the one behind it', async () => {
    const { phone, device } = await recipient();
    const good = await acceptedEvent(phone, 'behind the unreadable ones');
    const canary = `cnryaside${randomUUID().slice(0, 8)}`;
    type Audited = { type: string; payload: { target: string; detail: { reason: string } } };
    const setAsideOnAccepted = async () =>
      (await dumpTopics(testKafka(), { topics: [TOPICS.auditEvents] })).map((r) => JSON.parse(r.value!.toString()) as Audited).filter((e) => e.type === 'record.set_aside' && e.payload.target.startsWith(`${TOPICS.messagesAccepted}/`));
    // earlier suites of the run share the broker: only the records set aside from now on count
    const before = new Set((await setAsideOnAccepted()).map((e) => e.payload.target));
    const unreadable = [`{"not json ${canary}`, JSON.stringify({ type: `unknown.${canary}`, payload: {} })];
    for (const value of unreadable) await producer.send({ topic: TOPICS.messagesAccepted, messages: [{ key: good.payload.recipient, value }] });
    await produce(good.payload);
    await waitFor('the good message behind them', async () => device.deliveredIds().includes(good.messageId), 30000);

    let setAside: Audited[] = [];
    await waitFor('two record.set_aside audit events', async () => {
      setAside = (await setAsideOnAccepted()).filter((e) => !before.has(e.payload.target));
      return setAside.length >= 2;
    }, 30000);
    expect(setAside.map((e) => e.payload.target)).toEqual([expect.stringMatching(/@\d+$/), expect.stringMatching(/@\d+$/)]);
    const leaks = await scanForCanaries([canary], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: [suite.logFile('delivery')] });
    expect(leaks.filter((h) => !h.place.startsWith(`kafka:${TOPICS.messagesAccepted}/`))).toEqual([]);
  });

  it('reports failed with code 131026 when the number has no device', async () => {
    const messageId = await send(nextPhone(), 'nobody home');
    await waitFor('a failed webhook', hasStatus(messageId, 'failed'), 30000);
    const statuses = receiver.statusesFor(messageId);
    expect(statuses.map((s) => s.status)).toEqual(['failed']);
    expect(statuses[0]!.errors).toEqual([{ code: 131026, title: 'Message undeliverable', message: 'The recipient has no registered device' }]);
    expect(statuses[0]!.signatureValid).toBe(true);
  });

  it('reports a submission ingestion rejected as failed, with its error', async () => {
    const messageId = `wamid.${randomUUID()}`;
    const payload: MessageRejectedPayload = {
      message_id: messageId,
      business_id: business.businessId,
      rejected_at: new Date().toISOString(),
      error: { code: 131009, title: 'Parameter value is not valid', message: 'missing or wrong x-sealpost-signature' },
      business: business.routing,
    };
    const event = createEvent(MESSAGE_EVENT_TYPES.rejected, payload, { businessId: business.businessId, correlationId: messageId });
    await producer.send({ topic: TOPICS.messagesAccepted, messages: [{ key: business.businessId, value: JSON.stringify(event) }] });
    await waitFor('a failed webhook', hasStatus(messageId, 'failed'), 30000);
    expect(receiver.statusesFor(messageId)[0]!.errors).toEqual([payload.error]);
  });

  it('retries a failing webhook endpoint and then delivers each status once, in order', async () => {
    const flaky = await FakeWebhookReceiver.start();
    try {
      const other = await onboard(flaky.url);
      flaky.setAppSecret(other.appSecret);
      flaky.respondWith(500);
      const { phone, device } = await recipient();
      const messageId = await send(phone, 'webhooks later', { on: other });
      await waitFor('the device to have it', async () => device.deliveredIds().includes(messageId), 30000);
      await waitFor('refused webhook attempts', async () => flaky.attempts >= 3, 30000);
      flaky.respondWith(200);
      await waitFor('the delivered status to be acknowledged', async () => flaky.statusesFor(messageId).some((s) => s.status === 'delivered'), 30000);
      const acknowledged = flaky.statusesFor(messageId).map((s) => s.status);
      expect(acknowledged).toEqual(['sent', 'delivered']);
      expect(flaky.statusesFor(messageId).every((s) => s.signatureValid)).toBe(true);
    } finally {
      await flaky.stop();
    }
  });

  describe('device registration (admin)', () => {
    async function deviceCount(): Promise<number> {
      return (await deliveryDocuments()).filter((d) => d.collection === 'devices').length;
    }

    it('removes a device: its token stops working, nothing more reaches it, and an unknown one is 404', async () => {
      const { phone, device, token } = await recipient();
      const { device_id } = ((await (await suite.admin('delivery', '/admin/devices')).json()) as { device_id: string; endpoint_url: string }[]).find((d) => d.endpoint_url === device.url)!;
      const removed = await suite.admin('delivery', `/admin/devices/${device_id}`, { method: 'DELETE' });
      expect(removed.status).toBe(200);
      expect(await removed.json()).toEqual({ success: true });
      expect((await receipt(token, 'wamid.whatever')).status).toBe(401);
      const listed = (await (await suite.admin('delivery', '/admin/devices')).json()) as { device_id: string }[];
      expect(listed.map((d) => d.device_id)).not.toContain(device_id);
      const messageId = await send(phone, 'after the removal');
      await waitFor('a failed webhook: no device left', hasStatus(messageId, 'failed'), 30000);
      expect(device.received).toEqual([]);
      expect((await suite.admin('delivery', `/admin/devices/${device_id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('lists devices without tokens or numbers', async () => {
      const { phone, token } = await recipient();
      const res = await suite.admin('delivery', '/admin/devices');
      expect(res.status).toBe(200);
      const text = await res.text();
      const list = JSON.parse(text) as { device_id: string; endpoint_url: string; created_at: string }[];
      expect(list.length).toBeGreaterThan(0);
      expect(Object.keys(list[0]!).sort()).toEqual(['created_at', 'device_id', 'endpoint_url']);
      expect(text).not.toContain(token);
      expect(text).not.toContain(phone.slice(1));
      const stored = (await deliveryDocuments()).filter((d) => d.collection === 'devices');
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(JSON.stringify(stored)).not.toContain(phone.slice(1));
    });

    it.each([
      ['an invalid phone number', async () => ({ phone: '+15550100', endpoint_url: 'http://127.0.0.1:9/inbox', public_key: (await generateDeviceKeyPair()).publicKey }), /phone/],
      ['a phone number with spaces', async () => ({ phone: '+1 202 555 0123', endpoint_url: 'http://127.0.0.1:9/inbox', public_key: (await generateDeviceKeyPair()).publicKey }), /phone/],
      ['a short public key', async () => ({ phone: '+12025550123', endpoint_url: 'http://127.0.0.1:9/inbox', public_key: 'AAAA' }), /public_key/],
      ['a low-order public key', async () => ({ phone: '+12025550123', endpoint_url: 'http://127.0.0.1:9/inbox', public_key: Buffer.alloc(32).toString('base64url') }), /public_key/],
      ['a non-http endpoint', async () => ({ phone: '+12025550123', endpoint_url: 'ftp://127.0.0.1/inbox', public_key: (await generateDeviceKeyPair()).publicKey }), /endpoint_url/],
      ['an unknown field', async () => ({ phone: '+12025550123', endpoint_url: 'http://127.0.0.1:9/inbox', public_key: (await generateDeviceKeyPair()).publicKey, owner: 'x' }), /owner/],
      ['a missing field', async () => ({ phone: '+12025550123', endpoint_url: 'http://127.0.0.1:9/inbox' }), /public_key/],
    ])('refuses %s with a Cloud API 400 and stores nothing', async (_, body, detail) => {
      const before = await deviceCount();
      const res = await suite.admin('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify(await body()) });
      expect(res.status).toBe(400);
      const error = (await res.json()) as CloudApiError;
      expect(error).toMatchObject({ error: { code: expect.any(Number), type: expect.any(String), fbtrace_id: expect.any(String), error_data: { messaging_product: 'whatsapp' } } });
      expect([100, 131009]).toContain(error.error.code);
      expect(error.error.error_data.details).toMatch(detail);
      expect(await deviceCount()).toBe(before);
    });

    it('refuses malformed JSON with a 400 and no admin token with a 401', async () => {
      const malformed = await suite.admin('delivery', '/admin/devices', { method: 'POST', body: '{"phone": ' });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: { code: 100 } });
      const anonymous = await fetch(`${suite.url('delivery')}/admin/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(anonymous.status).toBe(401);
    });
  });
});
