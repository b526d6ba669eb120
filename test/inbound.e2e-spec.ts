import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { SERVICE_NAMES } from '@sealpost/contracts';
import { sealInbound } from '@sealpost/crypto';
import { dumpDatabases, FakeDevice, scanForCanaries, testKafka, FakeWebhookReceiver, OnboardedBusiness, SealpostClient, Suite, testInfra, waitFor, testPhone, flattenInbound } from '@sealpost/testing';
import type { BusinessKey, DeviceSession } from '@sealpost/testing';

interface AuditEvent {
  type: string;
  payload?: { target?: string; outcome?: string; detail?: Record<string, unknown> };
}

interface CloudApiError {
  error: { code: number; message: string; error_data: { details: string } };
}

/** Customers write back (CONTRACT §11): business keys, inbound messages, their webhooks, retention. */
describe('inbound: customers write to businesses', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  const devices: FakeDevice[] = [];

  async function customer(): Promise<{ phone: string; session: DeviceSession; deviceId: string }> {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_id, device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    return { phone, deviceId: device_id, session: { deliveryUrl: suite.url('delivery'), deviceToken: device_token } };
  }

  async function storedCount(database: string, collection: string): Promise<number> {
    return (await dumpDatabases(testInfra().mongoUrl, { databases: [database] })).filter((d) => d.collection === collection).length;
  }

  beforeAll(async () => {
    suite = await Suite.start({
      env: {
        SEALPOST_KEY_EPOCH: 'PT2S',
        SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S',
        SEALPOST_DELIVERY_RETRY_MAX: 'PT0.5S',
        SEALPOST_RETENTION_SWEEP_INTERVAL: 'PT1H',
        SEALPOST_RETENTION_REPORT_DEADLINE: 'PT3S',
      },
    });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Inbound Shop');
    receiver.setAppSecret(business.app_secret);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  describe('the business key (GET /v1/businesses/{phone_number_id}/key)', () => {
    it('gives a device the X25519 public key of a business it never heard from, with its key id and suite', async () => {
      const { session } = await customer();
      let answer: { status: number; body: unknown } | undefined;
      // delivery learns the business from ingestion's announcement on the accepted topic
      await waitFor('delivery to know the business', async () => (answer = await FakeDevice.businessKey(session, business.phone_number_id)).status === 200, 30000);
      const key = answer!.body as BusinessKey;
      expect(Object.keys(key).sort()).toEqual(['key_id', 'phone_number_id', 'public_key', 'suite']);
      expect(key.phone_number_id).toBe(business.phone_number_id);
      expect(key.suite).toBe('HPKE-base-X25519-SHA256-AES256GCM');
      expect(key.key_id).toMatch(/^dk_/);
      expect(Buffer.from(key.public_key, 'base64url')).toHaveLength(32);
    });

    it('is listed by the keys service as a business-inbound key, without material, rotating with the key epoch', async () => {
      const { session } = await customer();
      const first = (await FakeDevice.businessKey(session, business.phone_number_id)).body as BusinessKey;
      let next: BusinessKey | undefined;
      await waitFor('the next epoch key', async () => (next = (await FakeDevice.businessKey(session, business.phone_number_id)).body as BusinessKey).key_id !== first.key_id, 15000);
      expect(next!.public_key).not.toBe(first.public_key);
      const listed = (await (await suite.admin('keys', `/admin/keys?business_id=${business.business_id}`)).json()) as Array<Record<string, unknown>>;
      const inbound = listed.filter((k) => k.kind === 'business-inbound');
      expect(inbound.map((k) => k.key_id)).toEqual(expect.arrayContaining([first.key_id, next!.key_id]));
      for (const k of inbound) expect(Object.keys(k)).not.toContain('key');
      // the private half is wrapped: no public key bytes' private counterpart is stored in clear
      const stored = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).map((d) => d.document).filter((d) => d.key_id === first.key_id);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.public_key).toBe(first.public_key);
      expect(typeof stored[0]!.wrapped).toBe('string');
    });

    it('answers an unknown or malformed phone_number_id with 404 in the contract error shape', async () => {
      const { session } = await customer();
      for (const id of ['999999999999', 'not-a-number']) {
        const res = await FakeDevice.businessKey(session, id);
        expect(res.status).toBe(404);
        const { error } = res.body as CloudApiError;
        expect(error.code).toBe(100);
        expect(error.message).toContain('phone_number_id');
        expect(JSON.stringify(res.body)).not.toContain(id);
      }
    });

    it('refuses a missing or wrong device token with 401, issuing no key', async () => {
      const before = await storedCount('sealpost_delivery', 'inbound_keys');
      for (const deviceToken of ['', 'spdev_wrong']) {
        const res = await FakeDevice.businessKey({ deliveryUrl: suite.url('delivery'), deviceToken }, business.phone_number_id);
        expect(res.status).toBe(401);
        expect((res.body as CloudApiError).error.code).toBe(190);
      }
      expect(await storedCount('sealpost_delivery', 'inbound_keys')).toBe(before);
    });
  });

  async function inboundRows(): Promise<Record<string, unknown>[]> {
    return (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] })).filter((d) => d.collection === 'inbound_messages').map((d) => d.document);
  }

  async function currentKey(session: DeviceSession, phoneNumberId = business.phone_number_id): Promise<BusinessKey> {
    let key: BusinessKey | undefined;
    await waitFor('the business key', async () => {
      const res = await FakeDevice.businessKey(session, phoneNumberId);
      key = res.body as BusinessKey;
      return res.status === 200;
    }, 30000);
    return key!;
  }

  function postInbound(session: DeviceSession, body: unknown): Promise<Response> {
    return fetch(`${session.deliveryUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.deviceToken}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function digitsOf(phone: string): string {
    return phone.replace(/^\+/, '');
  }

  /** The audit events of a type for one message, once each of `messageIds` has one (content-free by CONTRACT §9). */
  async function auditedFor(type: string, messageIds: string[], businessId = business.business_id): Promise<Map<string, AuditEvent>> {
    let events: AuditEvent[] = [];
    await waitFor(`the ${type} audit events`, async () => {
      const res = await suite.admin('audit', `/admin/audit/events?type=${type}&business_id=${businessId}&limit=1000`);
      const body = (await res.json()) as { events?: AuditEvent[] } | AuditEvent[];
      events = Array.isArray(body) ? body : (body.events ?? []);
      return messageIds.every((id) => events.some((e) => e.payload?.target === id));
    }, 30000);
    return new Map(messageIds.map((id) => [id, events.find((e) => e.payload?.target === id)!]));
  }

  describe('POST /v1/messages', () => {
    it('stores a sealed message and answers 202 with a wamid; the content and number are stored sealed only, the audit log has the pseudonym only', async () => {
      const { phone, session } = await customer();
      await currentKey(session);
      const canary = `CANARY-${randomUUID()}`;
      const sent = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: canary } });
      expect(sent.status).toBe(202);
      const { message_id } = sent.body as { message_id: string };
      expect(Object.keys(sent.body as object)).toEqual(['message_id']);
      expect(message_id).toMatch(/^wamid\./);
      const row = (await inboundRows()).find((r) => r.message_id === message_id)!;
      expect(row).toBeDefined();
      expect(row.business_id).toBe(business.business_id);
      const everything = JSON.stringify(await dumpDatabases(testInfra().mongoUrl));
      expect(everything).not.toContain(canary);
      expect(everything).not.toContain(digitsOf(phone));
      let events: Array<{ type: string; target?: string; detail?: Record<string, unknown> }> = [];
      await waitFor('the inbound.received audit event', async () => {
        const res = await suite.admin('audit', `/admin/audit/events?type=inbound.received&business_id=${business.business_id}`);
        const body = (await res.json()) as { events?: typeof events } | typeof events;
        events = Array.isArray(body) ? body : (body.events ?? []);
        return JSON.stringify(events).includes(message_id);
      }, 30000);
      const event = JSON.stringify(events.find((e) => JSON.stringify(e).includes(message_id)));
      expect(event).toContain(String(row.recipient));
      expect(event).not.toContain(canary);
      expect(event).not.toContain(digitsOf(phone));
    });

    it('answers a repeated client_message_id with the first message id and stores nothing new', async () => {
      const { session } = await customer();
      await currentKey(session);
      const first = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: 'once' } }, { clientMessageId: 'repeat-me' });
      const before = (await inboundRows()).length;
      const again = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: 'twice?' } }, { clientMessageId: 'repeat-me' });
      expect(again.status).toBe(202);
      expect(again.body).toEqual(first.body);
      expect((await inboundRows()).length).toBe(before);
      // another device may use the same client_message_id for a message of its own
      const other = await customer();
      const theirs = await FakeDevice.sendInbound(other.session, business.phone_number_id, { type: 'text', text: { body: 'mine' } }, { clientMessageId: 'repeat-me' });
      expect(theirs.status).toBe(202);
      expect(theirs.body).not.toEqual(first.body);
    });

    it('refuses every bad input with the error naming the field and rule, echoing nothing, storing and sending nothing', async () => {
      const { session } = await customer();
      const key = await currentKey(session);
      const otherBusiness = await client.onboard(receiver.url, 1000, 'Other Shop');
      const otherKey = await currentKey(session, otherBusiness.phone_number_id);
      const canary = `CANARY${randomUUID().replace(/-/g, '')}`;
      const seal = (content: unknown, cmid: string, publicKey = key.public_key) => sealInbound(publicKey, cmid, Buffer.from(JSON.stringify(content)));
      const good = async (overrides: Record<string, unknown> = {}) => {
        const client_message_id = (overrides.client_message_id as string | undefined) ?? `c-${randomUUID()}`;
        return { phone_number_id: business.phone_number_id, client_message_id, key_id: key.key_id, sealed: await seal({ type: 'text', text: { body: canary } }, client_message_id), ...overrides };
      };
      const cases: Array<[string, unknown, number, number, string]> = [
        ['no phone_number_id', { ...(await good()), phone_number_id: undefined }, 400, 100, 'phone_number_id'],
        ['a phone_number_id that is not digits', await good({ phone_number_id: canary }), 400, 100, 'phone_number_id must be'],
        ['an unknown phone_number_id', await good({ phone_number_id: '999999999999' }), 404, 100, 'phone_number_id'],
        ['an empty client_message_id', await good({ client_message_id: '' }), 400, 100, 'client_message_id must be 1 to 128'],
        ['a client_message_id over 128 characters', await good({ client_message_id: 'x'.repeat(129) }), 400, 100, 'client_message_id must be 1 to 128'],
        ['a malformed key_id', await good({ key_id: canary }), 400, 100, 'key_id must be'],
        ['an unknown key_id', await good({ key_id: 'dk_00000000-0000-0000-0000-000000000000' }), 400, 131009, 'key_id is not a current key'],
        ["another business's key_id", await good({ key_id: otherKey.key_id }), 400, 131009, 'key_id is not a current key'],
        ['another suite', await good({ sealed: { ...(await good()).sealed, suite: 'HPKE-base-X25519-SHA256-AES128GCM' } }), 400, 100, 'sealed.suite must be'],
        ['an enc of the wrong size', await good({ sealed: { ...(await good()).sealed, enc: 'AAAA' } }), 400, 100, 'sealed.enc must be 32 bytes'],
        ['a ct that is not base64url', await good({ sealed: { ...(await good()).sealed, ct: `${canary}!` } }), 400, 100, 'sealed.ct must be'],
        ['a ct too long', await good({ sealed: { ...(await good()).sealed, ct: 'A'.repeat(60001) } }), 400, 100, 'sealed.ct must be at most'],
        ['no sealed', { ...(await good()), sealed: undefined }, 400, 100, 'sealed'],
        ['a seal under another client_message_id', await good({ sealed: await seal({ type: 'text', text: { body: canary } }, 'other-id') }), 400, 131009, 'does not open'],
        ["a seal to another business's key", await good({ client_message_id: 'k1', sealed: await seal({ type: 'text', text: { body: canary } }, 'k1', otherKey.public_key) }), 400, 131009, 'does not open'],
        ['sealed content of an unknown type', await good({ client_message_id: 't1', sealed: await seal({ type: 'poll', poll: { id: canary } }, 't1') }), 400, 131009, 'type must be one of'],
        ['sealed media in the Cloud API webhook shape, not naming an upload', await good({ client_message_id: 't1b', sealed: await seal({ type: 'image', image: { id: canary } }, 't1b') }), 400, 131009, 'image has an unknown field'],
        ['sealed text too long', await good({ client_message_id: 't2', sealed: await seal({ type: 'text', text: { body: canary.repeat(200) } }, 't2') }), 400, 131009, 'text.body must be a string of 1-4096'],
        ['sealed content that is not JSON', await good({ client_message_id: 't3', sealed: await sealInbound(key.public_key, 't3', Buffer.from(canary)) }), 400, 131009, 'does not open as JSON'],
        ['an empty context', await good({ context: { message_id: '' } }), 400, 100, 'context.message_id must be'],
        ['an unknown field', await good({ extra: canary }), 400, 100, 'extra should not exist'],
        ['malformed JSON', `{"phone_number_id": "${canary}`, 400, 100, ''],
      ];
      const before = await inboundRows();
      const webhooksBefore = receiver.attempts;
      for (const [what, body, status, code, detail] of cases) {
        const res = await postInbound(session, body);
        const text = await res.text();
        expect({ what, status: res.status }).toEqual({ what, status });
        const { error } = JSON.parse(text) as CloudApiError;
        expect({ what, code: error.code }).toEqual({ what, code });
        expect(`${error.message} ${error.error_data.details}`).toContain(detail);
        expect({ what, echoed: text.includes(canary) }).toEqual({ what, echoed: false });
      }
      const unauthenticated = await postInbound({ deliveryUrl: session.deliveryUrl, deviceToken: 'spdev_wrong' }, await good());
      expect(unauthenticated.status).toBe(401);
      expect(await inboundRows()).toEqual(before);
      expect(await scanForCanaries([canary], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: SERVICE_NAMES.map((s) => suite.logFile(s)) })).toEqual([]);
      expect(receiver.attempts).toBe(webhooksBefore);
    });
  });

  describe('webhooks to the business', () => {
    it('delivers text, button reply, reaction, location and a reply with context in the Cloud API inbound shape, signed and pure ASCII, in order', async () => {
      const { phone, session } = await customer();
      await currentKey(session);
      const contents = [
        { type: 'text', text: { body: 'Ol\u00e1, is my order ready? \u{1F4E6}' }, profile: { name: 'Jos\u00e9' } },
        { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes-1', title: 'Yes' } } },
        { type: 'reaction', reaction: { message_id: 'wamid.earlier', emoji: '\u{1F44D}' } },
        { type: 'location', location: { latitude: 39.7392, longitude: -104.9903, name: 'Denver', address: '1 Main St' } },
        { type: 'text', text: { body: 'replying' } },
      ];
      const ids: string[] = [];
      for (const [i, content] of contents.entries()) {
        const sent = await FakeDevice.sendInbound(session, business.phone_number_id, content, i === 4 ? { replyTo: 'wamid.replied-to' } : {});
        expect(sent.status).toBe(202);
        ids.push((sent.body as { message_id: string }).message_id);
      }
      await waitFor('all five inbound webhooks', async () => ids.every((id) => receiver.inbound().some((m) => m.id === id)), 30000);
      const got = receiver.inbound().filter((m) => ids.includes(m.id));
      expect(got.map((m) => m.id)).toEqual(ids);
      for (const [i, m] of got.entries()) {
        const { type, ...rest } = contents[i] as { type: string; profile?: unknown } & Record<string, unknown>;
        expect(m.signatureValid).toBe(true);
        expect(m.from).toBe(digitsOf(phone));
        expect(m.type).toBe(type);
        expect(m[type]).toEqual(rest[type]);
        expect(m.timestamp).toMatch(/^\d{10}$/);
        expect(m.businessId).toBe(business.business_id);
        expect(m.phoneNumberId).toBe(business.phone_number_id);
        expect(m.contact).toEqual({ wa_id: digitsOf(phone), profile: { name: i === 0 ? 'Jos\u00e9' : '' } });
        expect(m.context).toEqual(i === 4 ? { from: business.phone_number_id, id: 'wamid.replied-to' } : undefined);
      }
      const posts = receiver.requests.filter((r) => ids.some((id) => r.rawBody.toString().includes(id)));
      for (const post of posts) {
        expect(post.ascii).toBe(true);
        expect(post.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(Object.keys((post.body as { entry: [{ changes: [{ value: object }] }] }).entry[0].changes[0].value).sort()).toEqual(['contacts', 'messages', 'messaging_product', 'metadata']);
      }
      expect(posts[0]!.rawBody.toString()).toContain('Ol\\u00e1');
      // acknowledged: the sealed content leaves the store
      await waitFor('the rows to be settled', async () => (await inboundRows()).filter((r) => ids.includes(String(r.message_id))).every((r) => r.state === 'acknowledged' && r.stored === null), 10000);
      // and the audit log has each one delivered, by id and pseudonym only
      const rows = new Map((await inboundRows()).map((r) => [String(r.message_id), r]));
      for (const [id, event] of await auditedFor('inbound.delivered', ids)) {
        expect(event.payload).toMatchObject({ action: 'send-inbound-webhook', outcome: 'success', detail: { recipient: rows.get(id)!.recipient, attempts: 1 } });
        const text = JSON.stringify(event);
        expect(text).not.toContain(digitsOf(phone));
        for (const content of ['order ready', 'Jos', 'yes-1', 'Denver', 'replying']) expect(text).not.toContain(content);
      }
    });

    it('keeps everything owed while the endpoint answers 503, then delivers each message once, each customer in order', async () => {
      const a = await customer();
      const b = await customer();
      await currentKey(a.session);
      receiver.respondWith(503);
      const attemptsBefore = receiver.attempts;
      const sent: Array<{ from: string; id: string }> = [];
      for (let i = 0; i < 6; i++) {
        const who = i % 3 === 2 ? b : a;
        const res = await FakeDevice.sendInbound(who.session, business.phone_number_id, { type: 'text', text: { body: `n${i}` } });
        expect(res.status).toBe(202);
        sent.push({ from: digitsOf(who.phone), id: (res.body as { message_id: string }).message_id });
      }
      await waitFor('retries against the failing endpoint', async () => receiver.attempts >= attemptsBefore + 3, 30000);
      receiver.respondWith(200);
      const ids = sent.map((m) => m.id);
      await waitFor('every message delivered', async () => ids.every((id) => receiver.inbound().some((m) => m.id === id)), 60000);
      await waitFor('the rows to be settled', async () => (await inboundRows()).filter((r) => ids.includes(String(r.message_id))).every((r) => r.state === 'acknowledged'), 10000);
      const got = receiver.inbound().filter((m) => ids.includes(m.id));
      expect(got.map((m) => m.id).sort()).toEqual([...ids].sort());
      for (const who of [a, b]) {
        const digits = digitsOf(who.phone);
        expect(got.filter((m) => m.from === digits).map((m) => m.id)).toEqual(sent.filter((m) => m.from === digits).map((m) => m.id));
      }
      // the first waited through the failed attempts: its audited delivery counts them
      const delivered = await auditedFor('inbound.delivered', ids);
      expect(delivered.get(ids[0]!)!.payload!.detail!.attempts).toBeGreaterThan(1);
    });
    it('sends several customers side by side once the endpoint is back, each customer one POST at a time and in order', async () => {
      const customers = await Promise.all(Array.from({ length: 6 }, () => customer()));
      await currentKey(customers[0]!.session);
      receiver.respondWith(503);
      const sent: Array<{ from: string; id: string }> = [];
      for (let round = 0; round < 3; round++) {
        for (const who of customers) {
          const res = await FakeDevice.sendInbound(who.session, business.phone_number_id, { type: 'text', text: { body: `r${round}` } });
          expect(res.status).toBe(202);
          sent.push({ from: digitsOf(who.phone), id: (res.body as { message_id: string }).message_id });
        }
      }
      const ids = sent.map((m) => m.id);
      // slow answers make POSTs that may overlap do so
      receiver.delayResponses(150);
      receiver.respondWith(200);
      try {
        await waitFor('every message delivered', async () => ids.every((id) => receiver.inbound().some((m) => m.id === id)), 60000);
      } finally {
        receiver.delayResponses(0);
      }
      // every POST carrying these messages, answered or refused, with when it was open
      const posts = receiver.requests
        .filter((r) => r.answeredAt !== null)
        .flatMap((r) => flattenInbound(r.body, r.signatureValid).map((m) => ({ from: m.from, id: m.id, start: r.receivedAt, end: r.answeredAt!, ok: r.answeredStatus === 200 })))
        .filter((p) => ids.includes(p.id));
      for (const { from } of customers.map((c) => ({ from: digitsOf(c.phone) }))) {
        const theirs = posts.filter((p) => p.from === from).sort((x, y) => x.start - y.start);
        expect(theirs.filter((p) => p.ok).map((p) => p.id)).toEqual(sent.filter((m) => m.from === from).map((m) => m.id));
        theirs.slice(1).forEach((p, i) => expect(p.start).toBeGreaterThanOrEqual(theirs[i]!.end));
      }
      const delivered = posts.filter((p) => p.ok);
      expect(delivered.some((a) => delivered.some((b) => a.from !== b.from && a.start < b.end && b.start < a.end))).toBe(true);
    });
    it("does not let a message stored on a schedule read just before the endpoint failed again overtake its customer's earlier one", async () => {
      const { session } = await customer();
      await currentKey(session);
      receiver.respondWith(503);
      const attemptsBefore = receiver.attempts;
      const ids: string[] = [];
      for (const body of ['waits with the schedule', 'stored on a stale schedule']) {
        const res = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body } });
        ids.push((res.body as { message_id: string }).message_id);
      }
      await waitFor('a failed attempt', async () => receiver.attempts > attemptsBefore, 30000);
      await suite.service('delivery').stop('SIGKILL');
      const client = await MongoClient.connect(testInfra().mongoUrl);
      const db = client.db('sealpost_delivery');
      const businesses = db.collection('businesses');
      const inbound = db.collection('inbound_messages');
      const released = { lease_until: new Date(0), lease_token: null };
      try {
        // as the race leaves it: the endpoint backing off with the first message, the second due at once
        const later = new Date(Date.now() + 600000);
        await businesses.updateOne({ business_id: business.business_id }, { $set: { webhook_failures: 1, webhook_retry_at: later } });
        await inbound.updateOne({ message_id: ids[0] }, { $set: { next_attempt_at: later, ...released } });
        await inbound.updateOne({ message_id: ids[1] }, { $set: { next_attempt_at: new Date(), ...released } });
        receiver.respondWith(200);
        suite.service('delivery').start();
        await suite.service('delivery').waitReady();
        const deferred = async () => ((await inbound.findOne({ message_id: ids[1] }))?.next_attempt_at as Date).getTime() >= later.getTime();
        await waitFor('the second message to be sent or to wait with the first', async () => receiver.inbound().some((m) => m.id === ids[1]) || (await deferred()), 30000);
        expect(receiver.inbound().filter((m) => ids.includes(m.id))).toEqual([]);
      } finally {
        // the endpoint's schedule comes due
        await businesses.updateOne({ business_id: business.business_id }, { $set: { webhook_retry_at: new Date(0) } });
        await inbound.updateMany({ message_id: { $in: ids } }, { $set: { next_attempt_at: new Date() } });
        await client.close();
      }
      await waitFor('both delivered', async () => ids.every((id) => receiver.inbound().some((m) => m.id === id)), 30000);
      expect(receiver.inbound().filter((m) => ids.includes(m.id)).map((m) => m.id)).toEqual(ids);
    });
  });

  describe('retention and erasure', () => {
    async function runToCompletion(path: string, body?: object): Promise<void> {
      const started = await suite.admin('retention', path, { method: 'POST', ...(body && { body: JSON.stringify(body) }) });
      expect(started.status).toBe(202);
      const { sweep_id, erasure_id } = (await started.json()) as { sweep_id?: string; erasure_id?: string };
      const status = sweep_id ? `/admin/sweeps/${sweep_id}` : `/admin/erasures/${erasure_id}`;
      await waitFor('the run to finish', async () => ((await (await suite.admin('retention', status)).json()) as { status: string }).status === 'done', 60000);
    }

    it("erasing the customer's number removes their inbound messages, delivered or still owed, and nothing more is sent", async () => {
      const { phone, session } = await customer();
      const bystander = await customer();
      await currentKey(session);
      const delivered = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: 'delivered then erased' } });
      const deliveredId = (delivered.body as { message_id: string }).message_id;
      await waitFor('the first message delivered', async () => receiver.inbound().some((m) => m.id === deliveredId), 30000);
      receiver.respondWith(503);
      const owed = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: 'owed then erased' } });
      const owedId = (owed.body as { message_id: string }).message_id;
      const kept = await FakeDevice.sendInbound(bystander.session, business.phone_number_id, { type: 'text', text: { body: 'not erased' } });
      const keptId = (kept.body as { message_id: string }).message_id;
      await runToCompletion('/admin/erasures', { phone });
      const ids = (await inboundRows()).map((r) => r.message_id);
      expect(ids).not.toContain(deliveredId);
      expect(ids).not.toContain(owedId);
      expect(ids).toContain(keptId);
      receiver.respondWith(200);
      await waitFor("the bystander's message delivered", async () => receiver.inbound().some((m) => m.id === keptId), 30000);
      expect(receiver.inbound().some((m) => m.id === owedId)).toBe(false);
      // the device is gone with the number: its token no longer writes anything
      const after = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: 'x' } }, { key: await currentKey(bystander.session) }).catch(() => undefined);
      expect(after?.status).toBe(401);
    });

    it("past the business's max_age its inbound messages are gone and the keys they were sealed to destroyed; a canary is found nowhere but in the webhook", async () => {
      const shortReceiver = await FakeWebhookReceiver.start();
      try {
        const shortLived = await client.onboard(shortReceiver.url, 1000, 'Short Lived Shop');
        shortReceiver.setAppSecret(shortLived.app_secret);
        const put = await suite.admin('retention', `/admin/policies/${shortLived.business_id}`, { method: 'PUT', body: JSON.stringify({ max_age: 'PT5S' }) });
        expect(put.status).toBe(200);
        const { phone, session } = await customer();
        const key = await currentKey(session, shortLived.phone_number_id);
        const canary = `CANARY-INBOUND-${randomUUID()}`;
        const sent = await FakeDevice.sendInbound(session, shortLived.phone_number_id, { type: 'text', text: { body: canary }, profile: { name: `${canary}-name` } }, { key });
        expect(sent.status).toBe(202);
        const messageId = (sent.body as { message_id: string }).message_id;
        await waitFor('the webhook', async () => shortReceiver.inbound().some((m) => m.id === messageId), 30000);
        expect(JSON.stringify(shortReceiver.inbound().find((m) => m.id === messageId))).toContain(canary);
        const hits = await scanForCanaries([canary, digitsOf(phone)], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: SERVICE_NAMES.map((s) => suite.logFile(s)) });
        expect(hits).toEqual([]);
        await waitFor('a sweep to remove the message and destroy its key', async () => {
          await runToCompletion('/admin/sweeps');
          const listed = (await (await suite.admin('keys', `/admin/keys?business_id=${shortLived.business_id}`)).json()) as Array<{ key_id: string; state: string }>;
          const gone = !(await inboundRows()).some((r) => r.message_id === messageId);
          return gone && listed.find((k) => k.key_id === key.key_id)?.state === 'destroyed';
        }, 60000);
        // the device's old key id is refused now: it fetches the current one
        const stale = await FakeDevice.sendInbound(session, shortLived.phone_number_id, { type: 'text', text: { body: 'late' } }, { key });
        expect(stale.status).toBe(400);
      } finally {
        await shortReceiver.stop();
      }
    });

    it('a message still owed when retention destroys the key it was sealed to is dropped, never sent, and audited inbound.failed without content', async () => {
      const failingReceiver = await FakeWebhookReceiver.start();
      try {
        failingReceiver.respondWith(503);
        const shop = await client.onboard(failingReceiver.url, 1000, 'Unreachable Shop');
        failingReceiver.setAppSecret(shop.app_secret);
        expect((await suite.admin('retention', `/admin/policies/${shop.business_id}`, { method: 'PUT', body: JSON.stringify({ max_age: 'PT5S' }) })).status).toBe(200);
        const { phone, session } = await customer();
        const key = await currentKey(session, shop.phone_number_id);
        const listed = (await (await suite.admin('keys', `/admin/keys?business_id=${shop.business_id}`)).json()) as Array<{ key_id: string; epoch_end: string }>;
        const epochEnd = Date.parse(listed.find((k) => k.key_id === key.key_id)!.epoch_end);
        // sealed to a replaced key (accepted within the overlap) well after its epoch ended: the
        // next sweep destroys the key (epoch past max_age) but keeps the message (younger than max_age)
        await waitFor("the key's epoch to be 8 s past", async () => Date.now() > epochEnd + 8000, 20000);
        const canary = `CANARY-DROPPED-${randomUUID()}`;
        const sent = await FakeDevice.sendInbound(session, shop.phone_number_id, { type: 'text', text: { body: canary } }, { key });
        expect(sent.status).toBe(202);
        const messageId = (sent.body as { message_id: string }).message_id;
        await waitFor('a failed attempt', async () => failingReceiver.attempts > 0, 30000);
        await runToCompletion('/admin/sweeps');
        const row = async () => (await inboundRows()).find((r) => r.message_id === messageId);
        const failed = (await auditedFor('inbound.failed', [messageId], shop.business_id)).get(messageId)!;
        expect(failed.payload).toMatchObject({ action: 'send-inbound-webhook', outcome: 'failure', detail: { reason: 'keys destroyed', recipient: (await row())!.recipient } });
        expect(JSON.stringify(failed)).not.toContain(canary);
        expect(JSON.stringify(failed)).not.toContain(digitsOf(phone));
        expect(await row()).toMatchObject({ state: 'dropped', stored: null });
        failingReceiver.respondWith(200);
        const attempts = failingReceiver.attempts;
        // what a later, working endpoint gets: nothing of the dropped message
        await FakeDevice.sendInbound(session, shop.phone_number_id, { type: 'text', text: { body: 'after the drop' } });
        await waitFor('the next message delivered', async () => failingReceiver.inbound().length > 0, 30000);
        expect(failingReceiver.requests.slice(attempts).some((r) => r.rawBody.toString().includes(messageId))).toBe(false);
        expect(failingReceiver.inbound().some((m) => m.id === messageId)).toBe(false);
      } finally {
        await failingReceiver.stop();
      }
    });
  });
});
