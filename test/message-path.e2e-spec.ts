import { randomUUID } from 'node:crypto';
import { TOPICS } from '@sealpost/contracts';
import { verifySha256 } from '@sealpost/crypto';
import {
  dumpDatabases,
  dumpTopics,
  FakeDevice,
  FakeWebhookReceiver,
  OnboardedBusiness,
  scanForCanaries,
  SealpostClient,
  SubmitProducer,
  Suite,
  testInfra,
  testKafka,
  textMessage,
  waitFor,
} from '@sealpost/testing';

/**
 * The message path end to end on real Kafka and the real store: business → ingestion →
 * delivery → device, statuses back by signed webhook. Devices and the webhook receiver are
 * real HTTP servers in this process.
 */
describe('message path: send, encrypt at the door, deliver sealed, report status', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let producer: SubmitProducer;
  const devices: FakeDevice[] = [];

  /** a fresh valid number with one registered device */
  const recipient = () => client.newRecipient(devices);

  async function storedMessageCount(businessId: string): Promise<number> {
    const docs = await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_ingestion'] });
    return docs.filter((d) => d.collection === 'messages' && (d.document as { business_id?: string }).business_id === businessId).length;
  }

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S', SEALPOST_DELIVERY_RETRY_MAX: 'PT1S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000);
    receiver.setAppSecret(business.app_secret);
    producer = await SubmitProducer.connect(testKafka('business'));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('delivers an HTTP message the device can open, and reports sent, delivered and read by signed webhooks', async () => {
    const { phone, device, token } = await recipient();
    const text = `Your order has shipped — café ✓ 🚀 ${randomUUID()}`;
    const messageId = await client.sendText(business, phone, text, {});

    await waitFor('the device to receive the message', async () => device.deliveredIds().includes(messageId), 30000);
    const item = device.received.find((m) => m.message_id === messageId)!;
    expect(item.phone_number_id).toBe(business.phone_number_id);
    expect(item.sealed.suite).toBe('HPKE-base-X25519-SHA256-AES256GCM');
    expect(await device.open(item)).toEqual({ type: 'text', text: { body: text } });

    expect((await client.receipt(token, messageId)).status).toBe(202);
    await waitFor('sent, delivered and read webhooks', async () => ['sent', 'delivered', 'read'].every((s) => receiver.statusesFor(messageId).some((r) => r.status === s)), 30000);

    const statuses = receiver.statusesFor(messageId);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses.every((s) => s.signatureValid)).toBe(true);
    expect(statuses[0].recipient_id).toBe(phone.slice(1));
    for (const request of receiver.requests) {
      expect(request.ascii).toBe(true);
      expect(verifySha256(business.app_secret, request.rawBody, request.signature)).toBe(true);
    }
    const view = await (await client.status(business, messageId)).json();
    expect(view).toMatchObject({ id: messageId, status: 'read', timestamps: { accepted: expect.any(String), read: expect.any(String) } });
  });

  it('sends statuses already owed to a new webhook_url as soon as an admin changes it', async () => {
    const [old, moved] = await Promise.all([FakeWebhookReceiver.start(), FakeWebhookReceiver.start()]);
    try {
      const mover = await client.onboard(old.url, 1000, 'Moving Co');
      old.setAppSecret(mover.app_secret);
      moved.setAppSecret(mover.app_secret);
      old.respondWith(500);
      const { phone, device } = await recipient();
      const messageId = await client.sendText(mover, phone, 'statuses follow the business');
      await waitFor('the device to have it', async () => device.deliveredIds().includes(messageId), 30000);
      await waitFor('the old endpoint to refuse a few', async () => old.attempts >= 2, 30000);
      const patched = await suite.admin('ingestion', `/admin/businesses/${mover.business_id}`, { method: 'PATCH', body: JSON.stringify({ webhook_url: moved.url }) });
      expect(patched.status).toBe(200);
      // no new send from the business: the change itself reaches delivery
      await waitFor('the owed statuses at the new endpoint', async () => moved.statusesFor(messageId).some((st) => st.status === 'delivered'), 30000);
      expect(moved.statusesFor(messageId).map((st) => st.status)).toEqual(['sent', 'delivered']);
      expect(moved.statusesFor(messageId).every((st) => st.signatureValid)).toBe(true);
    } finally {
      await Promise.all([old.stop(), moved.stop()]);
    }
  });

  it('rotates a business\'s access token and app secret: the old ones stop working at once, webhooks are signed with the new secret', async () => {
    const rotating = await client.onboard(receiver.url, 1000, 'Rotating Co');
    const { phone, device } = await recipient();
    const tokenRes = await suite.admin('ingestion', `/admin/businesses/${rotating.business_id}/access-token`, { method: 'POST' });
    expect(tokenRes.status).toBe(201);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect(access_token).not.toBe(rotating.access_token);
    expect((await client.sendRaw(rotating, JSON.stringify(textMessage(phone, 'old token')))).status).toBe(401);

    const secretRes = await suite.admin('ingestion', `/admin/businesses/${rotating.business_id}/app-secret`, { method: 'POST' });
    expect(secretRes.status).toBe(201);
    const { app_secret } = (await secretRes.json()) as { app_secret: string };
    expect(app_secret).not.toBe(rotating.app_secret);
    const current = { ...rotating, access_token, app_secret };

    // a submit signed with the old secret is refused; one signed with the new one is delivered
    const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
    await producer.submit({ ...textMessage(phone, 'old secret'), phone_number_id: rotating.phone_number_id }, { appSecret: rotating.app_secret });
    await waitFor('the old-secret submit in the dead-letter topic', async () => (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length > dlqBefore, 30000);
    const messageId = await client.sendText(current, phone, 'new token');
    await producer.submit({ ...textMessage(phone, 'new secret'), phone_number_id: rotating.phone_number_id }, { appSecret: app_secret });
    await waitFor('both sends at the device', async () => device.received.length === 2, 30000);
    await waitFor('the delivered webhook', async () => receiver.statusesFor(messageId).some((st) => st.status === 'delivered'), 30000);
    const posts = receiver.requests.filter((r) => r.rawBody.toString().includes(messageId));
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(verifySha256(app_secret, post.rawBody, post.signature)).toBe(true);
      expect(verifySha256(rotating.app_secret, post.rawBody, post.signature)).toBe(false);
    }
  });

  it('delivers a signed Kafka submission the device can open', async () => {
    const { phone, device } = await recipient();
    const text = `Kafka hello ${randomUUID()}`;
    const clientMessageId = randomUUID();
    await producer.submit({ ...textMessage(phone, text), phone_number_id: business.phone_number_id, client_message_id: clientMessageId }, { appSecret: business.app_secret });

    await waitFor('the device to receive the Kafka message', async () => device.received.length > 0, 30000);
    expect(await device.open(device.received[0])).toEqual({ type: 'text', text: { body: text } });
    await waitFor('a delivered webhook', async () => receiver.statusesFor(device.received[0].message_id).some((s) => s.status === 'delivered'), 30000);
  });

  it('keeps a canary text sent over HTTP out of every topic, database and log line', async () => {
    const { phone, device } = await recipient();
    const canary = `canary-${randomUUID()}`;
    const messageId = await client.sendText(business, phone, `secret ${canary} end`);
    await waitFor('the canary message to be delivered', async () => device.deliveredIds().includes(messageId), 30000);
    await waitFor('its delivered webhook', async () => receiver.statusesFor(messageId).some((s) => s.status === 'delivered'), 30000);

    const logFiles = [...suite.processes.keys()].map((s) => suite.logFile(s));
    const hits = await scanForCanaries([canary, phone, phone.slice(1)], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles });
    // the only place the number may appear is the record key business systems chose on the submit topic
    expect(hits.filter((h) => !h.place.startsWith(`kafka:${TOPICS.messagesSubmit}/`))).toEqual([]);
  });

  it('the same Idempotency-Key twice gives one message', async () => {
    const { phone, device } = await recipient();
    const key = randomUUID();
    const first = await client.sendText(business, phone, 'only once', { 'Idempotency-Key': key });
    const second = await client.sendText(business, phone, 'only once', { 'Idempotency-Key': key });
    expect(second).toBe(first);
    await waitFor('delivery', async () => device.deliveredIds().includes(first), 30000);
    expect(device.received.filter((m) => m.message_id === first)).toHaveLength(1);
    expect(device.received).toHaveLength(1);
  });

  it('answers 429 with code 130429 beyond throughput_mps', async () => {
    const slowReceiver = await FakeWebhookReceiver.start();
    const slow = await client.onboard(slowReceiver.url, 2, 'Slow Co');
    const { phone } = await recipient();
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.sendRaw(slow, JSON.stringify(textMessage(phone, 'burst')))));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(await limited[0].json()).toMatchObject({ error: { code: 130429 } });
    await slowReceiver.stop();
  });

  it('paces a Kafka business at its throughput without holding up another business on the same partition', async () => {
    const slowReceiver = await FakeWebhookReceiver.start();
    const slow = await client.onboard(slowReceiver.url, 1, 'Slow Kafka Co');
    const { phone, device } = await recipient();
    // one record key, so one partition: before pacing moved to the outbox, the fast business's
    // submit waited behind every one of the slow business's turns
    const slowTexts = Array.from({ length: 10 }, (_, i) => `slow ${i} ${randomUUID()}`);
    for (const text of slowTexts) await producer.submit({ ...textMessage(phone, text), phone_number_id: slow.phone_number_id }, { appSecret: slow.app_secret });
    const fastText = `fast ${randomUUID()}`;
    await producer.submit({ ...textMessage(phone, fastText), phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });

    await waitFor('every paced and unpaced submit at the device', async () => device.deliveredIds().length === slowTexts.length + 1, 60000);
    const arrivals = new Map<string, number>();
    for (const item of device.received) {
      const { text } = (await device.open(item)) as { text: { body: string } };
      if (!arrivals.has(text.body)) arrivals.set(text.body, device.arrivalOf(item));
    }
    const order = [...arrivals.keys()];
    // the fast business went first, not behind the slow one's turns
    expect(order.indexOf(fastText)).toBeLessThan(order.indexOf(slowTexts.at(-1)!));
    // the slow one's arrive in the order submitted, at its rate: 10 at 1 per second (after a burst of 1) take 9 s at least
    expect(order.filter((t) => t !== fastText)).toEqual(slowTexts);
    expect(arrivals.get(slowTexts.at(-1)!)! - arrivals.get(slowTexts[0]!)!).toBeGreaterThanOrEqual(7000);
    await slowReceiver.stop();
  });

  describe('bad HTTP input gets the contract answer and changes nothing', () => {
    const cases: [string, () => Promise<Response>, number, number][] = [
      ['missing body text', () => client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to: '+12025550123', type: 'text' })), 400, 100],
      ['4097-character body', () => client.sendRaw(business, JSON.stringify(textMessage('+12025550123', 'x'.repeat(4097)))), 400, 100],
      ['invalid phone number', () => client.sendRaw(business, JSON.stringify(textMessage('+15550100', 'hi'))), 400, 100],
      ['unknown field', () => client.sendRaw(business, JSON.stringify(textMessage('+12025550123', 'hi', { surprise: true }))), 400, 100],
      ['text as an array of bodies', () => client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to: '+12025550123', type: 'text', text: [{ body: 'hi' }] })), 400, 100],
      ['thousands of unknown fields', () => client.sendRaw(business, JSON.stringify({ ...textMessage('+12025550123', 'hi'), ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}`, i])) })), 400, 100],
      ['malformed JSON', () => client.sendRaw(business, '{"messaging_product": "whatsapp", "to": '), 400, 100],
      ['missing token', () => fetch(`${suite.url('ingestion')}/v23.0/${business.phone_number_id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(textMessage('+12025550123', 'hi')) }), 401, 190],
      ['wrong token', () => client.sendRaw({ ...business, access_token: 'SPnot-a-real-token' }, JSON.stringify(textMessage('+12025550123', 'hi'))), 401, 190],
      ['unknown phone_number_id', () => client.sendRaw({ ...business, phone_number_id: '999999999999999' }, JSON.stringify(textMessage('+12025550123', 'hi'))), 404, 100],
    ];

    it.each(cases)('%s', async (_, call, status, code) => {
      const before = await storedMessageCount(business.business_id);
      const res = await call();
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body).toMatchObject({ error: { code, type: expect.any(String), fbtrace_id: expect.any(String), error_data: { messaging_product: 'whatsapp' } } });
      expect(JSON.stringify(body)).not.toContain('"to": ');
      expect(await storedMessageCount(business.business_id)).toBe(before);
    });

    it("another business's token", async () => {
      const other = await client.onboard(receiver.url, 10, 'Other Co');
      const before = await storedMessageCount(business.business_id);
      const res = await client.sendRaw({ phone_number_id: business.phone_number_id, access_token: other.access_token }, JSON.stringify(textMessage('+12025550123', 'hi')));
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 190 } });
      expect(await storedMessageCount(business.business_id)).toBe(before);
    });
  });

  describe('bad Kafka submissions go to the dead-letter topic, never to a device', () => {
    it.each([
      ['unsigned', null],
      ['mis-signed', { header: 'sha256=' + '0'.repeat(64) }],
      ['signed with another secret', { appSecret: 'not-the-app-secret' }],
    ] as const)('%s record: dead-lettered and audited, and the business it names hears nothing of it', async (_, signature) => {
      const { phone, device } = await recipient();
      const marker = randomUUID();
      const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
      await producer.submit({ ...textMessage(phone, `rejected ${marker}`), phone_number_id: business.phone_number_id, client_message_id: marker }, signature);
      let dlq: Awaited<ReturnType<typeof dumpTopics>> = [];
      await waitFor('the dead-letter record', async () => (dlq = await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length > dlqBefore, 30000);
      const last = dlq[dlq.length - 1]!;
      expect(last.headers['x-sealpost-error']?.[0]?.toString()).toMatch(/signature/);
      expect(last.value?.toString()).not.toContain(marker);
      expect(JSON.parse(last.value!.toString())).toMatchObject({ business_id: null });
      const { source } = JSON.parse(last.value!.toString()) as { source: { topic: string; partition: number; offset: string } };
      const correlationId = `${source.topic}/${source.partition}@${source.offset}`;
      let audited: Record<string, unknown> | undefined;
      await waitFor('the audit event', async () => {
        const events = await dumpTopics(testKafka(), { topics: [TOPICS.auditEvents] });
        audited = events.map((r) => JSON.parse(r.value!.toString()) as Record<string, unknown>).find((e) => e.correlationId === correlationId);
        return audited !== undefined;
      }, 30000);
      expect(audited).toMatchObject({ type: 'submission.rejected', payload: { actor: 'unknown', detail: { reason: 'bad-signature' } } });
      // a signed record behind it reaches its device: by then the refused one was long done with
      const after = await recipient();
      await producer.submit({ ...textMessage(after.phone, 'signed'), phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });
      await waitFor('the signed record at its device', async () => after.device.received.length === 1, 30000);
      const rejectedEvents = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesAccepted] })).map((r) => r.value!.toString()).filter((v) => v.includes(`"business_id":"${business.business_id}"`) && v.includes('x-sealpost-signature'));
      expect(rejectedEvents).toEqual([]);
      expect(receiver.statuses().filter((s) => s.errors?.some((e) => e.message?.includes('x-sealpost-signature')))).toEqual([]);
      expect(device.received).toHaveLength(0);
    });

    it('a body with thousands of unknown fields gets a short reason, and no field name reaches the audit log', async () => {
      const { phone, device } = await recipient();
      const fieldCanary = `cnryfield${randomUUID().slice(0, 8)}`;
      const unknown = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`${fieldCanary}_${i}`, i]));
      const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
      await producer.submit({ ...textMessage(phone, 'x'), phone_number_id: business.phone_number_id, ...unknown }, { appSecret: business.app_secret });
      let dlq: Awaited<ReturnType<typeof dumpTopics>> = [];
      await waitFor('the dead-letter record', async () => (dlq = await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length > dlqBefore, 30000);
      const last = dlq[dlq.length - 1]!;
      const header = last.headers['x-sealpost-error']?.[0]?.toString() ?? '';
      // (a field name with an unpaired surrogate is refused before validation: test/bad-input-corpus.e2e-spec.ts)
      expect(header).toMatch(new RegExp(`^invalid submission: ${fieldCanary}_0: property ${fieldCanary}_0 should not exist; .*; and 2995 more$`));
      expect(header.length).toBeLessThan(1100);
      expect(last.value!.length).toBeLessThan(2048);
      const { source } = JSON.parse(last.value!.toString()) as { source: { topic: string; partition: number; offset: string } };
      const correlationId = `${source.topic}/${source.partition}@${source.offset}`;
      let audited: string | undefined;
      await waitFor('the audit event', async () => {
        const events = await dumpTopics(testKafka(), { topics: [TOPICS.auditEvents] });
        audited = events.map((r) => r.value!.toString()).find((v) => v.includes(JSON.stringify(correlationId)));
        return audited !== undefined;
      }, 30000);
      expect(JSON.parse(audited!)).toMatchObject({ payload: { detail: { reason: 'invalid-submission' } } });
      expect(audited).not.toContain(fieldCanary);
      expect(audited).not.toContain('surrogate');
      expect(device.received).toHaveLength(0);
    });

    it('an invalid body from a known business is dead-lettered with its reason', async () => {
      const { phone, device } = await recipient();
      await producer.submit({ ...textMessage(phone, 'x'.repeat(4097)), phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });
      await waitFor('the dead-letter record', async () => {
        const dlq = await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] });
        return dlq.some((r) => /text\.body/.test(r.headers['x-sealpost-error']?.[0]?.toString() ?? ''));
      }, 30000);
      expect(device.received).toHaveLength(0);
    });

    it('malformed JSON does not block the partition: a good record behind it is delivered', async () => {
      const { phone, device } = await recipient();
      await producer.submitRaw(Buffer.from('{"not json'), {});
      await producer.submit({ ...textMessage(phone, 'after the poison'), phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });
      await waitFor('the good record to reach the device', async () => device.received.length === 1, 30000);
    });
  });
});
