import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, ServiceName, TOPICS } from '@sealpost/contracts';
import { signSha256 } from '@sealpost/crypto';
import {
  dumpDatabases,
  dumpTopics,
  FakeDevice,
  FakeWebhookReceiver,
  kafkaClient,
  OnboardedBusiness,
  scanForCanaries,
  SealpostClient,
  Suite,
  testInfra,
  testKafka,
  textMessage,
  waitFor,
  testPhone,
} from '@sealpost/testing';

/** Who a call claims to be. */
type Caller = 'admin' | 'business' | 'device' | 'none' | { authorization: string };

interface BadCall {
  name: string;
  service: ServiceName;
  method: string;
  path: string;
  caller: Caller;
  body?: string | Buffer;
  contentType?: string;
  /** the exact answer where the contract names one; any 4xx otherwise */
  status?: number;
  code?: number;
}

/** ten thousand levels of arrays: a recursive validator or parser would overflow its stack */
const DEEP = `${'['.repeat(10000)}${']'.repeat(10000)}`;

/**
 * The bad-input corpus (issue #12, item 9): every entrance, every kind of bad input. Each input
 * carries a canary of its own; each must get a 4xx in the contract's error shape that echoes
 * nothing it was sent, leave every service healthy, and store or send nothing: no canary anywhere
 * but the submit topic the test itself wrote to, no document more in any service's database.
 * After the bad Kafka records, a valid record on the same partition is delivered (no stall).
 */
describe('bad-input corpus: refused at the door, echoed nowhere, stored and sent nowhere', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let device: FakeDevice;
  let business: OnboardedBusiness;
  let other: OnboardedBusiness;
  let deviceToken: string;
  let otherMessageId: string;
  const phone = testPhone();
  const canaries: string[] = [];

  function canary(): string {
    const c = `cnry${canaries.length}x${randomUUID().slice(0, 8)}`;
    canaries.push(c);
    return c;
  }

  function sendBody(extra: Record<string, unknown> = {}, text: unknown = { body: canary() }): string {
    return JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: phone, type: 'text', text, ...extra });
  }

  const sendPath = () => `/v23.0/${business.phone_number_id}/messages`;

  function authorization(caller: Caller): Record<string, string> {
    if (caller === 'none') return {};
    if (caller === 'admin') return { authorization: `Bearer ${suite.adminToken}` };
    if (caller === 'business') return { authorization: `Bearer ${business.access_token}` };
    if (caller === 'device') return { authorization: `Bearer ${deviceToken}` };
    return caller;
  }

  async function documentCounts(): Promise<Map<string, number>> {
    const docs = await dumpDatabases(testInfra().mongoUrl);
    const counts = new Map<string, number>();
    // the audit log grows with every refused admin call (aggregated): that is its job
    for (const d of docs.filter((doc) => doc.database.startsWith('sealpost_') && doc.database !== 'sealpost_audit')) {
      const key = `${d.database}.${d.collection}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  beforeAll(async () => {
    suite = await Suite.start();
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Corpus Co');
    other = await client.onboard(receiver.url, 1000, 'Other Co');
    receiver.setAppSecret(business.app_secret);
    device = await FakeDevice.start();
    deviceToken = (await client.registerDevice(phone, device.url, device.publicKey)).device_token;
    otherMessageId = await client.sendText(other, phone, 'from the other business');
    await waitFor('the setup message delivered and its statuses settled', async () => {
      if (!receiver.statuses().some((s) => s.id === otherMessageId && s.status === 'delivered')) return false;
      const res = await client.status(other, otherMessageId);
      return res.status === 200 && ((await res.json()) as { status: string }).status === 'delivered';
    }, 30000);
  });

  afterAll(async () => {
    await device?.stop();
    await receiver?.stop();
    await suite?.stop();
  });

  function httpCorpus(): BadCall[] {
    const send = (name: string, body: string | Buffer, status = 400, code?: number): BadCall => ({ name: `send: ${name}`, service: 'ingestion', method: 'POST', path: sendPath(), caller: 'business', body, status, code });
    const admin = (service: ServiceName, method: string, path: string, name: string, body?: unknown, status?: number): BadCall => ({ name: `${service} admin ${method} ${path.replace(/cnry\w+/g, '…')}: ${name}`, service, method, path, caller: 'admin', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), status });
    const business404 = `/admin/businesses/${canary()}`;
    return [
      // the send API: who calls
      { name: 'send: no token', service: 'ingestion', method: 'POST', path: sendPath(), caller: 'none', body: sendBody(), status: 401, code: 190 },
      { name: 'send: a made-up token', service: 'ingestion', method: 'POST', path: sendPath(), caller: { authorization: `Bearer ${canary()}` }, body: sendBody(), status: 401, code: 190 },
      { name: 'send: a Basic scheme', service: 'ingestion', method: 'POST', path: sendPath(), caller: { authorization: `Basic ${Buffer.from(`x:${canary()}`).toString('base64')}` }, body: sendBody(), status: 401, code: 190 },
      { name: "send: another business's token", service: 'ingestion', method: 'POST', path: sendPath(), caller: { authorization: `Bearer ${other.access_token}` }, body: sendBody(), status: 401, code: 190 },
      { name: 'send: an unknown phone_number_id', service: 'ingestion', method: 'POST', path: '/v23.0/999999999999999/messages', caller: 'business', body: sendBody(), status: 404, code: 100 },
      // what it sends: the body's shape
      send('an empty body', ''),
      send('null', 'null'),
      send('an array', `[${sendBody()}]`),
      send('a bare string', JSON.stringify(canary())),
      send('malformed JSON', `{"messaging_product":"whatsapp","text":{"body":"${canary()}"`),
      send('ten thousand levels deep', `{"messaging_product":"whatsapp","to":"${phone}","type":"text","text":{"body":"${canary()}"},"x":${DEEP}}`),
      send('a 2 MB body', sendBody({}, { body: `${canary()}${'x'.repeat(2_000_000)}` }), 413),
      send('invalid UTF-8', Buffer.concat([Buffer.from(`{"messaging_product":"whatsapp","to":"${phone}","type":"text","text":{"body":"${canary()} `), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')])),
      send('overlong UTF-8', Buffer.concat([Buffer.from(`{"messaging_product":"whatsapp","to":"${phone}","type":"text","text":{"body":"${canary()} `), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}')])),
      send('a lone surrogate', sendBody({}, { body: `${canary()} \ud800` })),
      { ...send('a text/plain body', sendBody()), contentType: 'text/plain' },
      // every field missing, of the wrong type, too long or empty
      send('no to', JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: canary() } })),
      send('to as a number', sendBody({ to: 12025550188 })),
      send('to not a phone number', sendBody({ to: canary() })),
      send('to 5,000 characters', sendBody({ to: `+1${'2'.repeat(5000)}` })),
      send('no messaging_product', JSON.stringify({ to: phone, type: 'text', text: { body: canary() } })),
      send('messaging_product sms', sendBody({ messaging_product: 'sms' })),
      send('an unknown type', sendBody({ type: canary() })),
      send('recipient_type group', sendBody({ recipient_type: 'group' })),
      send('no text', JSON.stringify({ messaging_product: 'whatsapp', to: phone, type: 'text', biz_opaque_callback_data: canary() })),
      send('an empty body text', sendBody({ biz_opaque_callback_data: canary() }, { body: '' })),
      send('a 4,097-character text', sendBody({}, { body: `${canary()}${'x'.repeat(4097)}` })),
      send('text body a number', sendBody({ biz_opaque_callback_data: canary() }, { body: 42 })),
      send('text a string', sendBody({}, canary())),
      send('text an array', sendBody({}, [{ body: canary() }])),
      send('preview_url a string', sendBody({}, { body: canary(), preview_url: 'yes' })),
      send('biz_opaque_callback_data 600 characters', sendBody({ biz_opaque_callback_data: `${canary()}${'x'.repeat(600)}` })),
      send('biz_opaque_callback_data an object', sendBody({ biz_opaque_callback_data: { data: canary() } })),
      // operator injection, prototype pollution, unknown keys
      send('to an operator object', sendBody({ to: { $gt: '', note: canary() } })),
      send('text body an operator object', sendBody({}, { body: { $ne: canary() } })),
      send('a __proto__ key', `{"__proto__":{"polluted":"${canary()}"},${sendBody().slice(1)}`),
      send('a constructor key', sendBody({ constructor: { prototype: { polluted: canary() } } })),
      send('an unknown field', sendBody({ surprise: canary() })),
      send('an unknown field in text', sendBody({}, { body: 'hi', surprise: canary() })),
      { name: 'a path no route serves', service: 'ingestion', method: 'GET', path: `/v1/${canary()}/anything`, caller: 'business', status: 404 },
      // the status view
      { name: 'status view: no token', service: 'ingestion', method: 'GET', path: `/v1/messages/${otherMessageId}`, caller: 'none', status: 401, code: 190 },
      { name: 'status view: a made-up token', service: 'ingestion', method: 'GET', path: `/v1/messages/${otherMessageId}`, caller: { authorization: `Bearer ${canary()}` }, status: 401, code: 190 },
      { name: 'status view: an unknown message id', service: 'ingestion', method: 'GET', path: `/v1/messages/wamid.${canary()}`, caller: 'business', status: 404 },
      { name: "status view: another business's message", service: 'ingestion', method: 'GET', path: `/v1/messages/${otherMessageId}`, caller: 'business', status: 404 },
      { name: 'status view: a 4,000-character id', service: 'ingestion', method: 'GET', path: `/v1/messages/${canary()}${'x'.repeat(4000)}`, caller: 'business' },
      { name: 'status view: an operator in the query', service: 'ingestion', method: 'GET', path: `/v1/messages/wamid.${canary()}?status[$ne]=x`, caller: 'business' },
      // every admin endpoint: who calls
      { name: 'admin: no token', service: 'ingestion', method: 'POST', path: '/admin/businesses', caller: 'none', body: JSON.stringify({ name: canary(), webhook_url: 'http://127.0.0.1:9/hook' }), status: 401 },
      { name: 'admin: a made-up token', service: 'delivery', method: 'POST', path: '/admin/devices', caller: { authorization: `Bearer ${canary()}` }, body: JSON.stringify({ phone, endpoint_url: 'http://127.0.0.1:9/inbox', public_key: canary() }), status: 401 },
      { name: "admin: a business's token", service: 'retention', method: 'POST', path: '/admin/erasures', caller: 'business', body: JSON.stringify({ phone }), status: 401 },
      { name: "admin: a device's token", service: 'keys', method: 'POST', path: '/admin/keys/rotate', caller: 'device', status: 401 },
      { name: 'admin: no token on the audit log', service: 'audit', method: 'GET', path: `/admin/audit/events?type=${canary()}`, caller: 'none', status: 401 },
      // onboarding and business changes
      admin('ingestion', 'POST', '/admin/businesses', 'no name', { webhook_url: `http://127.0.0.1:9/${canary()}` }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'a name of 10,000 characters', { name: `${canary()}${'x'.repeat(10000)}`, webhook_url: 'http://127.0.0.1:9/hook' }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'a webhook_url that is no URL', { name: 'n', webhook_url: canary() }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'an ftp webhook_url', { name: 'n', webhook_url: `ftp://127.0.0.1/${canary()}` }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'throughput_mps 0', { name: canary(), webhook_url: 'http://127.0.0.1:9/hook', throughput_mps: 0 }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'throughput_mps a string', { name: canary(), webhook_url: 'http://127.0.0.1:9/hook', throughput_mps: '80' }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'throughput_mps 10^12', { name: canary(), webhook_url: 'http://127.0.0.1:9/hook', throughput_mps: 1e12 }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'an unknown field', { name: 'n', webhook_url: 'http://127.0.0.1:9/hook', surprise: canary() }, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'a __proto__ key', `{"__proto__":{"polluted":"${canary()}"},"name":"n","webhook_url":"http://127.0.0.1:9/hook"}`, 400),
      admin('ingestion', 'POST', '/admin/businesses', 'ten thousand levels deep', `{"name":"${canary()}","webhook_url":"http://127.0.0.1:9/hook","x":${DEEP}}`, 400),
      admin('ingestion', 'PATCH', business404, 'an unknown business', { webhook_url: 'http://127.0.0.1:9/hook' }, 404),
      admin('ingestion', 'PATCH', `/admin/businesses/${business.business_id}`, 'a webhook_url that is no URL', { webhook_url: canary() }, 400),
      admin('ingestion', 'PATCH', `/admin/businesses/${business.business_id}`, 'an operator object', { throughput_mps: { $gt: 0 }, note: canary() }, 400),
      admin('ingestion', 'POST', `${business404}/access-token`, 'rotating the token of an unknown business', undefined, 404),
      // devices and receipts
      admin('delivery', 'POST', '/admin/devices', 'a public key of the wrong length', { phone, endpoint_url: 'http://127.0.0.1:9/inbox', public_key: Buffer.from(canary()).toString('base64url') }, 400),
      admin('delivery', 'POST', '/admin/devices', 'an invalid phone', { phone: canary(), endpoint_url: 'http://127.0.0.1:9/inbox', public_key: 'AAAA' }, 400),
      admin('delivery', 'POST', '/admin/devices', 'a javascript: endpoint_url', { phone, endpoint_url: `javascript:${canary()}`, public_key: 'AAAA' }, 400),
      admin('delivery', 'POST', '/admin/devices', 'an unknown field', { phone, endpoint_url: 'http://127.0.0.1:9/inbox', public_key: 'AAAA', surprise: canary() }, 400),
      admin('delivery', 'POST', '/admin/devices', 'phone an array', { phone: [phone, canary()], endpoint_url: 'http://127.0.0.1:9/inbox', public_key: 'AAAA' }, 400),
      admin('delivery', 'DELETE', `/admin/devices/${canary()}`, 'an unknown device', undefined, 404),
      { name: 'receipt: no token', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: 'none', body: JSON.stringify({ message_id: otherMessageId, status: 'read', note: canary() }), status: 401 },
      { name: 'receipt: a made-up token', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: { authorization: `Bearer ${canary()}` }, body: JSON.stringify({ message_id: otherMessageId, status: 'read' }), status: 401 },
      { name: 'receipt: a status other than read', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: 'device', body: JSON.stringify({ message_id: otherMessageId, status: canary() }), status: 400 },
      { name: 'receipt: no message_id', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: 'device', body: JSON.stringify({ status: 'read', note: canary() }), status: 400 },
      { name: 'receipt: an unknown field', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: 'device', body: JSON.stringify({ message_id: otherMessageId, status: 'read', surprise: canary() }), status: 400 },
      { name: 'receipt: malformed JSON', service: 'delivery', method: 'POST', path: '/v1/receipts', caller: 'device', body: `{"message_id":"${canary()}"`, status: 400 },
      // customers writing back (CONTRACT §11)
      { name: 'business key: no token', service: 'delivery', method: 'GET', path: `/v1/businesses/${business.phone_number_id}/key`, caller: 'none', status: 401 },
      { name: 'business key: an unknown phone_number_id', service: 'delivery', method: 'GET', path: `/v1/businesses/${canary()}/key`, caller: 'device', status: 404 },
      { name: 'inbound: no token', service: 'delivery', method: 'POST', path: '/v1/messages', caller: 'none', body: JSON.stringify({ phone_number_id: business.phone_number_id, client_message_id: canary() }), status: 401 },
      { name: 'inbound: malformed JSON', service: 'delivery', method: 'POST', path: '/v1/messages', caller: 'device', body: `{"client_message_id":"${canary()}"`, status: 400 },
      { name: 'inbound: sealed a string', service: 'delivery', method: 'POST', path: '/v1/messages', caller: 'device', body: JSON.stringify({ phone_number_id: business.phone_number_id, client_message_id: canary(), key_id: 'k', sealed: 'x' }), status: 400 },
      // templates (CONTRACT §11)
      { name: "templates: another business's", service: 'ingestion', method: 'GET', path: `/v23.0/${other.business_id}/message_templates`, caller: 'business', status: 401, code: 190 },
      { name: 'templates: a name of 600 characters', service: 'ingestion', method: 'POST', path: `/v23.0/${business.business_id}/message_templates`, caller: 'business', body: JSON.stringify({ name: `${canary()}${'x'.repeat(600)}`, language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'hi' }] }), status: 400 },
      // retention
      admin('retention', 'PUT', `/admin/policies/${business.business_id}`, 'max_age beyond 30 days', { max_age: 'P31D', note: canary() }, 400),
      admin('retention', 'PUT', `/admin/policies/${business.business_id}`, 'max_age zero', { max_age: 'PT0S', note: canary() }, 400),
      admin('retention', 'PUT', `/admin/policies/${business.business_id}`, 'max_age no duration', { max_age: canary() }, 400),
      admin('retention', 'PUT', `/admin/policies/${business.business_id}`, 'max_age a number', { max_age: 30, note: canary() }, 400),
      admin('retention', 'GET', `/admin/sweeps/${canary()}`, 'an unknown sweep', undefined, 404),
      admin('retention', 'POST', '/admin/erasures', 'an invalid phone', { phone: canary() }, 400),
      admin('retention', 'POST', '/admin/erasures', 'no phone', { note: canary() }, 400),
      admin('retention', 'GET', `/admin/erasures/${canary()}`, 'an unknown erasure', undefined, 404),
      // keys and audit
      admin('keys', 'GET', `/admin/keys?business_id[$ne]=${canary()}`, 'an operator in the query', undefined, 400),
      admin('audit', 'GET', `/admin/audit/events?limit=-1&type=${canary()}`, 'a negative limit', undefined, 400),
      admin('audit', 'GET', `/admin/audit/events?after_seq=${canary()}`, 'after_seq no number', undefined, 400),
      admin('audit', 'GET', `/admin/audit/events/${canary()}/proof`, 'a proof of no seq', undefined, 400),
    ];
  }

  it('refuses each bad HTTP input with a 4xx in the contract shape that echoes none of it, and stays healthy', async () => {
    const documentsBefore = await documentCounts();
    const corpus = httpCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const wrong: string[] = [];
    for (const call of corpus) {
      const res = await fetch(`${suite.url(call.service)}${call.path}`, {
        method: call.method,
        headers: { ...(call.body !== undefined && { 'content-type': call.contentType ?? 'application/json' }), ...authorization(call.caller) },
        body: call.body,
      });
      const text = await res.text();
      const problems: string[] = [];
      if (call.status ? res.status !== call.status : res.status < 400 || res.status >= 500) problems.push(`answered ${res.status}`);
      let error: Record<string, unknown> | undefined;
      try {
        error = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
      } catch {
        problems.push('not JSON');
      }
      if (!error || typeof error.message !== 'string' || typeof error.code !== 'number' || typeof error.fbtrace_id !== 'string') problems.push('not the contract error shape');
      if (call.code !== undefined && error?.code !== call.code) problems.push(`code ${String(error?.code)}`);
      const echoed = canaries.filter((c) => text.includes(c));
      if (echoed.length > 0) problems.push('echoed what it was sent');
      if (problems.length > 0) wrong.push(`${call.name}: ${problems.join(', ')} — ${text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    for (const service of SERVICE_NAMES) expect((await fetch(`${suite.url(service)}/health/ready`)).status).toBe(200);
    const after = await documentCounts();
    expect([...after].filter(([collection, n]) => n > (documentsBefore.get(collection) ?? 0)).map(([collection, n]) => `${collection} ${documentsBefore.get(collection) ?? 0} → ${n}`)).toEqual([]);
  }, 120000);

  it('dead-letters each bad Kafka record and delivers a good one behind them on the same partition', async () => {
    const producer = kafkaClient(testKafka('business'), 'corpus').producer();
    await producer.connect();
    const signed = (value: Buffer) => ({ key: phone, value, headers: { 'x-sealpost-signature': signSha256(business.app_secret, value) } });
    const json = (record: unknown) => signed(Buffer.from(JSON.stringify(record)));
    const valid = (extra: Record<string, unknown> = {}, text: unknown = { body: canary() }) => ({ ...textMessage(phone, 'x'), text, phone_number_id: business.phone_number_id, ...extra });
    const bad = [
      { key: phone, value: null },
      { key: phone, value: Buffer.alloc(0) },
      { key: phone, value: Buffer.from(JSON.stringify(valid())) },
      { key: phone, value: Buffer.from(JSON.stringify(valid())), headers: { 'x-sealpost-signature': `sha256=${canary()}` } },
      json(valid({}, { body: `${canary()}${'x'.repeat(900_000)}` })),
      signed(Buffer.concat([Buffer.from(`{"messaging_product":"whatsapp","to":"${phone}","type":"text","phone_number_id":"${business.phone_number_id}","text":{"body":"${canary()} `), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}')])),
      signed(Buffer.concat([Buffer.from(`{"messaging_product":"whatsapp","to":"${phone}","type":"text","phone_number_id":"${business.phone_number_id}","text":{"body":"${canary()} `), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')])),
      signed(Buffer.from(`{"messaging_product":"whatsapp","to":"${phone}","type":"text","phone_number_id":"${business.phone_number_id}","text":{"body":"${canary()}"},"x":${DEEP}}`)),
      signed(Buffer.from(`{"__proto__":{"polluted":"${canary()}"},${JSON.stringify(valid()).slice(1)}`)),
      json(valid({ constructor: { prototype: { polluted: canary() } } })),
      json(valid({ to: { $gt: '', note: canary() } })),
      json(valid({}, [{ body: canary() }])),
      json(valid({ surprise: canary() })),
      json({ ...valid(), phone_number_id: undefined }),
      json(valid({ phone_number_id: '999999999999999' })),
      json([valid()]),
      signed(Buffer.from('42')),
      json(valid({}, { body: `${canary()} \ud800` })),
    ];
    const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
    for (const record of bad) await producer.send({ topic: TOPICS.messagesSubmit, messages: [record] });
    const goodText = `good ${randomUUID()}`;
    await producer.send({ topic: TOPICS.messagesSubmit, messages: [json({ ...textMessage(phone, goodText), phone_number_id: business.phone_number_id })] });
    await producer.disconnect();

    await waitFor('the good record behind the bad ones at the device', async () => {
      for (const item of device.received) if (((await device.open(item)) as { text: { body: string } }).text.body === goodText) return true;
      return false;
    }, 60000);
    // every bad record but the tombstone dead-lettered: a tombstone is no submission at all
    let dlq = 0;
    await waitFor('the bad records in the dead-letter topic', async () => (dlq = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length - dlqBefore) >= bad.length - 1, 60000).catch((err: Error) => {
      throw new Error(`${err.message}: ${dlq} of ${bad.length - 1}`);
    });
    // the setup message and the good one: no bad record reached the device
    expect(device.deliveredIds()).toHaveLength(2);
    const stored = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_ingestion'] })).filter((d) => d.collection === 'messages' && (d.document as { business_id?: string }).business_id === business.business_id);
    expect(stored).toHaveLength(1);
    for (const service of SERVICE_NAMES) expect((await fetch(`${suite.url(service)}/health/ready`)).status).toBe(200);
  }, 180000);

  it('kept every canary out of every topic but the submit topic, out of every database and every log', async () => {
    const logFiles = SERVICE_NAMES.map((s) => suite.logFile(s));
    const hits = await scanForCanaries(canaries, { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles });
    expect(hits.filter((h) => !h.place.startsWith(`kafka:${TOPICS.messagesSubmit}/`))).toEqual([]);
  }, 120000);
});
