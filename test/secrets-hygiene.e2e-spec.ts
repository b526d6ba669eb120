import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, ServiceName, TOPICS } from '@sealpost/contracts';
import {
  dumpTopics,
  FakeDevice,
  FakeWebhookReceiver,
  OnboardedBusiness,
  scanForCanaries,
  scanLogFiles,
  SealpostClient,
  SubmitProducer,
  Suite,
  testInfra,
  testKafka,
  textMessage,
  waitFor,
  testPhone,
} from '@sealpost/testing';

const canary = (label: string) => `cnry${label}${randomBytes(8).toString('hex')}`;

interface Probe {
  name: string;
  call: () => Promise<Response>;
}

/**
 * Every error path a caller can reach, each carrying canaries (near-miss secrets, plaintext,
 * numbers, bad values): no response body, log line, metric or stored byte may repeat any of
 * them, nor any real secret of the suite (admin, access, device and keys tokens, app secret,
 * Kafka passwords). Identifiers (URL paths and queries, JSON field names) are the API's own
 * vocabulary, not data: access logs keep them and errors may name them.
 */
describe('secrets hygiene: no secret, key or content in any log line, error body or metric', () => {
  let suite: Suite;
  let client: SealpostClient;
  let business: OnboardedBusiness;
  let deviceToken: string;
  let device: FakeDevice;
  let receiver: FakeWebhookReceiver;
  const answers: { name: string; status: number; body: string }[] = [];
  const planted = { text: canary('text'), phone: testPhone(), value: canary('value'), header: canary('hdr'), submitted: canary('kafka') };
  const identifiers = { path: canary('path'), query: canary('query'), fieldName: canary('field') };

  const secrets = (): string[] => {
    const credentials = join(suite.dataDir, 'credentials');
    const keysTokens = readdirSync(credentials).filter((f) => f.startsWith('keys-')).map((f) => readFileSync(join(credentials, f), 'utf8').trim());
    const kafkaPasswords = Object.values(testInfra().kafkaIdentities ?? {}).map((id) => id!.password);
    return [suite.adminToken, business.access_token, business.app_secret, deviceToken, ...keysTokens, ...kafkaPasswords];
  };
  const everything = () => [...Object.values(planted), planted.phone.slice(1), ...secrets()];

  const json = (service: ServiceName, path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${suite.url(service)}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) } });

  beforeAll(async () => {
    suite = await Suite.start();
    client = new SealpostClient(suite);
    [device, receiver] = await Promise.all([FakeDevice.start(), FakeWebhookReceiver.start()]);
    business = await client.onboard(receiver.url, 1000, 'Hygiene Co');
    receiver.setAppSecret(business.app_secret);
    deviceToken = (await client.registerDevice(planted.phone, device.url, device.publicKey)).device_token;
  });

  afterAll(async () => {
    await Promise.all([device?.stop(), receiver?.stop(), suite?.stop()]);
  });

  it('answers every error path with a 4xx that echoes nothing it was sent', async () => {
    const send = (body: string, headers: Record<string, string> = {}, token = business.access_token) =>
      json('ingestion', `/v23.0/${business.phone_number_id}/messages`, { method: 'POST', body, headers, token });
    const message = textMessage(planted.phone, planted.text);
    const probes: Probe[] = [
      { name: 'near-miss access token', call: () => send(JSON.stringify(message), {}, `${business.access_token}x`) },
      { name: 'unknown field', call: () => send(JSON.stringify({ ...message, [identifiers.fieldName]: planted.text })) },
      { name: 'malformed JSON', call: () => send(`{"to": "${planted.phone}", "text": {"body": "${planted.text}"`) },
      { name: 'body too long', call: () => send(JSON.stringify(textMessage(planted.phone, `${planted.text}${'x'.repeat(4096)}`))) },
      { name: 'bad number', call: () => send(JSON.stringify(textMessage(planted.value, planted.text))) },
      { name: 'oversized request', call: () => send(JSON.stringify(textMessage(planted.phone, planted.text.repeat(3000)))) },
      { name: 'bad idempotency key', call: () => send(JSON.stringify({ ...message, type: planted.value }), { 'idempotency-key': planted.header }) },
      { name: 'unknown phone_number_id', call: () => json('ingestion', `/v23.0/${identifiers.path}/messages`, { method: 'POST', body: JSON.stringify(message), token: business.access_token }) },
      { name: 'unknown message status', call: () => json('ingestion', `/v1/messages/${identifiers.path}`, { token: business.access_token }) },
      ...SERVICE_NAMES.map((s): Probe => ({ name: `${s} admin, near-miss token`, call: () => json(s, '/admin/anything', { token: `${suite.adminToken}x` }) })),
      { name: 'patch business, bad webhook', call: () => json('ingestion', `/admin/businesses/${business.business_id}`, { method: 'PATCH', body: JSON.stringify({ webhook_url: `not a url ${planted.value}` }), token: suite.adminToken }) },
      { name: 'device, bad key and number', call: () => json('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify({ phone: planted.value, endpoint_url: planted.value, public_key: planted.text }), token: suite.adminToken }) },
      { name: 'receipt, near-miss device token', call: () => json('delivery', '/v1/receipts', { method: 'POST', body: JSON.stringify({ message_id: identifiers.path, status: 'read' }), token: `${deviceToken}x` }) },
      { name: 'receipt, unknown message', call: () => json('delivery', '/v1/receipts', { method: 'POST', body: JSON.stringify({ message_id: identifiers.path, status: planted.value }), token: deviceToken }) },
      { name: 'inbound message, near-miss device token', call: () => json('delivery', '/v1/messages', { method: 'POST', body: JSON.stringify({ phone_number_id: business.phone_number_id, client_message_id: planted.value, key_id: planted.header, sealed: { ct: planted.text } }), token: `${deviceToken}x` }) },
      { name: 'inbound message, bad key and seal', call: () => json('delivery', '/v1/messages', { method: 'POST', body: JSON.stringify({ phone_number_id: business.phone_number_id, client_message_id: planted.value, key_id: planted.header, sealed: { suite: planted.value, enc: planted.text, ct: planted.text } }), token: deviceToken }) },
      { name: 'inbound message, malformed JSON', call: () => json('delivery', '/v1/messages', { method: 'POST', body: `{"phone_number_id": "${planted.text}`, token: deviceToken }) },
      { name: 'business key, near-miss device token', call: () => json('delivery', `/v1/businesses/${business.phone_number_id}/key`, { token: `${deviceToken}x` }) },
      { name: 'business key, unknown number', call: () => json('delivery', `/v1/businesses/${identifiers.path}/key`, { token: deviceToken }) },
      { name: 'policy, bad duration', call: () => json('retention', `/admin/policies/${business.business_id}`, { method: 'PUT', body: JSON.stringify({ max_age: planted.value }), token: suite.adminToken }) },
      { name: 'erasure, bad number', call: () => json('retention', '/admin/erasures', { method: 'POST', body: JSON.stringify({ phone: planted.value }), token: suite.adminToken }) },
      { name: 'unknown sweep', call: () => json('retention', `/admin/sweeps/${identifiers.path}`, { token: suite.adminToken }) },
      { name: 'keys internal API, near-miss caller token', call: () => json('keys', '/internal/data-keys', { method: 'POST', body: JSON.stringify({ business_id: planted.value }), token: `${readFileSync(join(suite.dataDir, 'credentials', 'keys-ingestion.token'), 'utf8').trim()}x`, headers: { 'x-sealpost-caller': 'ingestion' } }) },
      { name: 'audit query, bad cursor', call: () => json('audit', `/admin/audit/events?after_seq=${identifiers.query}`, { token: suite.adminToken }) },
      { name: 'audit proof, unknown event', call: () => json('audit', `/admin/audit/events/${identifiers.path}/proof`, { token: suite.adminToken }) },
    ];
    for (const probe of probes) {
      const res = await probe.call();
      answers.push({ name: probe.name, status: res.status, body: await res.text() });
    }
    expect(answers.filter((a) => a.status < 400 || a.status >= 500).map((a) => `${a.name}: ${a.status}`)).toEqual([]);
    const leaks = answers.flatMap((a) => everything().filter((c) => a.body.includes(c)).map((c) => `${a.name} echoed ${everything().indexOf(c)}`));
    expect(leaks).toEqual([]);
  });

  it('dead-letters a forged Kafka submission without its content, and nothing reaches the device', async () => {
    const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
    const producer = await SubmitProducer.connect(testKafka('business'));
    try {
      await producer.submit({ ...textMessage(planted.phone, planted.submitted), phone_number_id: business.phone_number_id }, { header: `sha256=${planted.header}` });
    } finally {
      await producer.disconnect();
    }
    await waitFor('the forged record in the dead-letter topic', async () => (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length > dlqBefore, 30000);
    expect(device.received).toEqual([]);
  });

  it('keeps every canary and secret out of the logs, the metrics and everything stored, outside the plaintext submit topic', async () => {
    const metrics = await Promise.all(SERVICE_NAMES.map(async (s) => [s, await (await fetch(`${suite.url(s)}/metrics`)).text()] as const));
    expect(metrics.flatMap(([s, text]) => everything().filter((c) => text.includes(c)).map((c) => `${s} metric holds canary ${everything().indexOf(c)}`))).toEqual([]);
    expect(scanLogFiles(everything(), SERVICE_NAMES.map((s) => suite.logFile(s))).map((h) => `${h.place}: canary ${everything().indexOf(h.canary)}`)).toEqual([]);
    const stored = await scanForCanaries(everything(), { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: [] });
    // business systems write plaintext to the submit topic by design (CONTRACT §4); it keeps it one day
    expect(stored.filter((h) => !h.place.startsWith(`kafka:${TOPICS.messagesSubmit}/`)).map((h) => `${h.place}: canary ${everything().indexOf(h.canary)}`)).toEqual([]);
  });
});
