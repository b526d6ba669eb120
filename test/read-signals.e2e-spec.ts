import { MESSAGE_EVENT_TYPES, TOPICS } from '@sealpost/contracts';
import { dumpDatabases, dumpTopics, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, SealpostClient, Suite, testInfra, testKafka, waitFor, testPhone } from '@sealpost/testing';
import type { DeviceSession } from '@sealpost/testing';

interface CloudApiError {
  error: { code: number; message: string; error_data: { details: string } };
}

/** The business marks a customer's message read and shows typing (CONTRACT §11): the device is told, nothing else is. */
describe('read signals: the business marks inbound messages read', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let other: OnboardedBusiness;
  const devices: FakeDevice[] = [];

  /** A device of a new customer, or another device of `phone`. */
  async function customer(phone = testPhone()): Promise<{ phone: string; device: FakeDevice; session: DeviceSession }> {
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    return { phone, device, session: { deliveryUrl: suite.url('delivery'), deviceToken: device_token } };
  }

  /** The customer writes to `to` (once delivery knows it) and gets the inbound message id. */
  async function writeIn(session: DeviceSession, to = business): Promise<string> {
    let id: string | undefined;
    await waitFor('delivery to take the inbound message', async () => {
      const sent = await FakeDevice.sendInbound(session, to.phone_number_id, { type: 'text', text: { body: 'hello' } }).catch(() => undefined);
      id = (sent?.body as { message_id?: string } | undefined)?.message_id;
      return sent?.status === 202;
    }, 30000);
    return id!;
  }

  async function readEvents(): Promise<Record<string, unknown>[]> {
    const records = await dumpTopics(testKafka(), { topics: [TOPICS.messagesAccepted] });
    // (other suites of the run put unreadable records on the topic on purpose)
    return records.flatMap((r) => {
      try {
        return [JSON.parse(r.value!.toString('utf8')) as Record<string, unknown>];
      } catch {
        return [];
      }
    }).filter((e) => e.type === MESSAGE_EVENT_TYPES.readByBusiness);
  }

  async function inboundRow(messageId: string): Promise<Record<string, unknown>> {
    const rows = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] })).filter((d) => d.collection === 'inbound_messages').map((d) => d.document);
    return rows.find((r) => r.message_id === messageId)!;
  }

  async function auditedRead(on: OnboardedBusiness, messageId: string): Promise<string> {
    let found = '';
    await waitFor('the inbound.read audit event', async () => {
      const res = await suite.admin('audit', `/admin/audit/events?type=inbound.read&business_id=${on.business_id}`);
      const body = (await res.json()) as { events?: unknown[] } | unknown[];
      const events = Array.isArray(body) ? body : (body.events ?? []);
      const event = events.find((e) => JSON.stringify(e).includes(messageId));
      found = event === undefined ? '' : JSON.stringify(event);
      return event !== undefined;
    }, 30000);
    return found;
  }

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S', SEALPOST_DELIVERY_RETRY_MAX: 'PT0.5S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Reading Shop');
    other = await client.onboard(receiver.url, 1000, 'Other Shop');
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('answers 200 { success: true }; the device gets a read signal for the message and a typing signal naming the business; that message and the earlier ones count as read, later ones not', async () => {
    const { device, session } = await customer();
    const first = await writeIn(session);
    const second = await writeIn(session);
    const third = await writeIn(session);
    const before = Math.floor(Date.now() / 1000);

    const res = await client.markRead(business, second, true);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });

    await waitFor('the read and typing signals', async () => device.signals.length >= 2, 30000);
    expect(device.signals).toEqual([
      { type: 'read', message_id: second, timestamp: expect.stringMatching(/^\d+$/) },
      { type: 'typing', phone_number_id: business.phone_number_id, timestamp: expect.stringMatching(/^\d+$/) },
    ]);
    expect(Number(device.signals[0]!.timestamp)).toBeGreaterThanOrEqual(before - 1);
    expect(device.received).toEqual([]);

    await waitFor('the conversation marked read', async () => (await inboundRow(second)).read_at !== undefined, 10000);
    expect((await inboundRow(first)).read_at).toBeDefined();
    expect((await inboundRow(third)).read_at).toBeUndefined();

    // on the topic: ids and a flag, no content, no number
    const event = (await readEvents()).find((e) => (e.payload as { message_id: string }).message_id === second)!;
    expect(Object.keys(event.payload as object).sort()).toEqual(['at', 'business_id', 'message_id', 'phone_number_id', 'typing']);
    expect(event.payload).toMatchObject({ business_id: business.business_id, phone_number_id: business.phone_number_id, typing: true });
    expect(await auditedRead(business, second)).toContain('"success"');
  });

  it('sends only the read signal without typing_indicator, to every device of the customer', async () => {
    const { phone, device, session } = await customer();
    const { device: otherDevice } = await customer(phone);
    const messageId = await writeIn(session);
    expect((await client.markRead(business, messageId)).status).toBe(200);
    for (const d of [device, otherDevice]) {
      await waitFor('the read signal', async () => d.signals.length >= 1, 30000);
      expect(d.signals).toEqual([{ type: 'read', message_id: messageId, timestamp: expect.stringMatching(/^\d+$/) }]);
    }
  });

  it('refuses every bad body with 400 and code 100 naming the field, publishing and sending nothing', async () => {
    const { device, session } = await customer();
    const messageId = await writeIn(session);
    const good = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
    const published = (await readEvents()).length;
    const cases: Array<[string, unknown, string]> = [
      ['a status other than read', { ...good, status: 'delivered' }, 'status must be "read"'],
      ['no message_id', { messaging_product: 'whatsapp', status: 'read' }, 'message_id'],
      ['a message_id that is no wamid', { ...good, message_id: 'not-a-wamid' }, 'message_id must be'],
      ['an unknown field', { ...good, extra: true }, 'extra'],
      ['a typing type other than text', { ...good, typing_indicator: { type: 'audio' } }, 'typing_indicator.type must be "text"'],
      ['no messaging_product', { status: 'read', message_id: messageId }, 'messaging_product'],
    ];
    for (const [what, body, named] of cases) {
      const res = await client.sendRaw(business, JSON.stringify(body));
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      const { error } = (await res.json()) as CloudApiError;
      expect({ what, code: error.code }).toEqual({ what, code: 100 });
      expect(error.error_data.details).toContain(named);
    }
    const unauthenticated = await client.sendRaw({ ...business, access_token: 'wrong' }, JSON.stringify(good));
    expect(unauthenticated.status).toBe(401);
    expect((await readEvents()).length).toBe(published);

    // a good read after them, on the same partition (keyed by business): once it arrived, nothing came before it
    expect((await client.markRead(business, messageId)).status).toBe(200);
    await waitFor('the good read signal', async () => device.signals.length >= 1, 30000);
    expect(device.signals).toEqual([{ type: 'read', message_id: messageId, timestamp: expect.stringMatching(/^\d+$/) }]);
    expect(device.posts).toBe(1);
  });

  it("answers 200 for another business's inbound message or an unknown one, but tells no device and marks nothing read", async () => {
    const { device, session } = await customer();
    const theirs = await writeIn(session, other);
    const unknown = 'wamid.NoSuchMessage0000000000000000';
    for (const id of [theirs, unknown]) {
      const res = await client.markRead(business, id, true);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    // delivery has taken both (audited as rejected, by id only) and sent nothing
    for (const id of [theirs, unknown]) expect(await auditedRead(business, id)).toContain('"rejected"');
    expect(device.posts).toBe(0);
    expect(device.signals).toEqual([]);
    expect((await inboundRow(theirs)).read_at).toBeUndefined();
  });
});
