import { dumpDatabases, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, SealpostClient, Suite, testInfra, waitFor, testPhone } from '@sealpost/testing';
import type { DeviceSession } from '@sealpost/testing';

interface Policy {
  max_age: string;
  service_window: string;
}

const REENGAGEMENT = {
  code: 131047,
  title: 'Re-engagement message',
  message: "More than the business's service window has passed since the customer last wrote; send a template message to re-engage them",
};

/**
 * The customer-service window as an operator choice (CONTRACT §11): a business policy on
 * retention, carried to delivery by the sweep; free-form sends to a customer who has not written
 * within it fail with 131047, templates always pass.
 */
describe('service window: free-form messages only to customers who wrote within it', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let windowed: OnboardedBusiness;
  let open: OnboardedBusiness;
  const devices: FakeDevice[] = [];

  async function customer(): Promise<{ phone: string; device: FakeDevice; session: DeviceSession }> {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    return { phone, device, session: { deliveryUrl: suite.url('delivery'), deviceToken: device_token } };
  }

  /** The customer writes to the business (once delivery knows it). */
  async function writeIn(session: DeviceSession, to: OnboardedBusiness): Promise<void> {
    await waitFor('delivery to take the inbound message', async () => (await FakeDevice.sendInbound(session, to.phone_number_id, { type: 'text', text: { body: 'hello' } }).catch(() => undefined))?.status === 202, 30000);
  }

  async function send(as: OnboardedBusiness, to: string, type: string, object: unknown): Promise<string> {
    const res = await client.sendRaw(as, JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type, [type]: object }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { messages: { id: string }[] }).messages[0]!.id;
  }

  const policy = (of: OnboardedBusiness, body?: object) =>
    suite.admin('retention', `/admin/policies/${of.business_id}`, body && { method: 'PUT', body: JSON.stringify(body) });

  async function runToCompletion(path: string, body?: object): Promise<void> {
    const started = await suite.admin('retention', path, { method: 'POST', ...(body && { body: JSON.stringify(body) }) });
    expect(started.status).toBe(202);
    const { sweep_id, erasure_id } = (await started.json()) as { sweep_id?: string; erasure_id?: string };
    const status = sweep_id ? `/admin/sweeps/${sweep_id}` : `/admin/erasures/${erasure_id}`;
    await waitFor('the run to finish', async () => ((await (await suite.admin('retention', status)).json()) as { status: string }).status === 'done', 60000);
  }

  async function setPolicy(of: OnboardedBusiness, body: Policy): Promise<void> {
    expect((await policy(of, body)).status).toBe(200);
    // the sweep carries the window to delivery: once every service reported, delivery has it
    await runToCompletion('/admin/sweeps');
  }

  async function failedWith(messageId: string): Promise<unknown> {
    await waitFor(`a failed webhook for ${messageId}`, async () => receiver.statusesFor(messageId).some((s) => s.status === 'failed'), 30000);
    return receiver.statusesFor(messageId).find((s) => s.status === 'failed')!.errors;
  }

  const delivered = (device: FakeDevice, messageId: string) => waitFor(`${messageId} at the device`, async () => device.deliveredIds().includes(messageId), 30000);

  async function contacts(): Promise<Record<string, unknown>[]> {
    return (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_delivery'] })).filter((d) => d.collection === 'customer_contacts').map((d) => d.document);
  }

  const text = { body: 'Your parcel is on its way' };
  const hello = { name: 'hello_again', language: { code: 'en_US' } };

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_RETENTION_SWEEP_INTERVAL: 'PT1H', SEALPOST_RETENTION_REPORT_DEADLINE: 'PT3S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    windowed = await client.onboard(receiver.url, 1000, 'Windowed Shop');
    open = await client.onboard(receiver.url, 1000, 'Open Shop');
    const template = await fetch(`${suite.url('ingestion')}/v23.0/${windowed.business_id}/message_templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${windowed.access_token}` },
      body: JSON.stringify({ name: 'hello_again', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'We have news for you' }] }),
    });
    expect(template.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('is none by default, and the policy resource sets and returns it', async () => {
    expect(await (await policy(windowed)).json()).toEqual({ business_id: windowed.business_id, max_age: 'P30D', service_window: 'none', explicit: false });
    await setPolicy(windowed, { max_age: 'P30D', service_window: 'PT24H' });
    expect(await (await policy(windowed)).json()).toEqual({ business_id: windowed.business_id, max_age: 'P30D', service_window: 'PT24H', explicit: true });
    // changing how long messages are kept leaves the window as it was
    expect(await (await policy(windowed, { max_age: 'P30D' })).json()).toMatchObject({ service_window: 'PT24H' });
    expect(await (await policy(windowed)).json()).toMatchObject({ max_age: 'P30D', service_window: 'PT24H' });
  });

  it('with PT24H, fails free-form messages to a customer who never wrote with 131047, lets a template through, and free-form once the customer wrote', async () => {
    const { phone, device, session } = await customer();
    const refusedText = await send(windowed, phone, 'text', text);
    const refusedLocation = await send(windowed, phone, 'location', { latitude: 52.52, longitude: 13.4 });
    for (const id of [refusedText, refusedLocation]) expect(await failedWith(id)).toEqual([REENGAGEMENT]);

    const template = await send(windowed, phone, 'template', hello);
    await delivered(device, template);
    // the template was accepted after them, for the same customer: had they been sent, they would be there
    expect(device.deliveredIds()).not.toContain(refusedText);
    expect(device.deliveredIds()).not.toContain(refusedLocation);

    await writeIn(session, windowed);
    const reply = await send(windowed, phone, 'text', text);
    await delivered(device, reply);
    expect(receiver.statusesFor(reply).some((s) => s.status === 'failed')).toBe(false);
  });

  it('with none, lets free-form messages through to a customer who never wrote', async () => {
    const { phone, device } = await customer();
    const id = await send(open, phone, 'text', text);
    await delivered(device, id);
    expect(receiver.statusesFor(id).some((s) => s.status === 'failed')).toBe(false);
  });

  it('closes once the window passed since the customer wrote, and opens again when it is set back to none', async () => {
    const brief = await client.onboard(receiver.url, 1000, 'Brief Shop');
    await setPolicy(brief, { max_age: 'P30D', service_window: 'PT2S' });
    const { phone, device, session } = await customer();
    await writeIn(session, brief);
    const wroteAt = Date.now();
    await waitFor('the 2 s window to pass', async () => Date.now() > wroteAt + 2500, 10000);
    expect(await failedWith(await send(brief, phone, 'text', text))).toEqual([REENGAGEMENT]);

    await setPolicy(brief, { max_age: 'P30D', service_window: 'none' });
    const id = await send(brief, phone, 'text', text);
    await delivered(device, id);
  });

  it('keeps only ids and a time per customer and business; erasure of the number removes it', async () => {
    const { phone, session } = await customer();
    const mine = async () => (await contacts()).filter((c) => c.business_id === windowed.business_id);
    const before = (await mine()).map((c) => c._id).sort();
    await writeIn(session, windowed);
    const added = (await mine()).filter((c) => !before.includes(c._id));
    expect(added).toHaveLength(1);
    expect(Object.keys(added[0]!).sort()).toEqual(['_id', 'business_id', 'last_inbound_at', 'recipient']);
    expect(JSON.stringify(added)).not.toContain(phone.slice(1));

    await runToCompletion('/admin/erasures', { phone });
    expect((await mine()).map((c) => c._id).sort()).toEqual(before);
  });

  it('goes with the business messages past max_age', async () => {
    const shortLived = await client.onboard(receiver.url, 1000, 'Short Window Shop');
    await setPolicy(shortLived, { max_age: 'PT2S', service_window: 'PT1S' });
    const { session } = await customer();
    await writeIn(session, shortLived);
    const wroteAt = Date.now();
    expect((await contacts()).some((c) => c.business_id === shortLived.business_id)).toBe(true);
    await waitFor('the contact to outlive its 2 s policy', async () => Date.now() > wroteAt + 2500, 10000);
    await runToCompletion('/admin/sweeps');
    expect((await contacts()).some((c) => c.business_id === shortLived.business_id)).toBe(false);
  });

  describe('bad values get a 400 in the Cloud API shape and change nothing', () => {
    it.each([['PT0S'], ['P31D'], ['PT24'], ['24h'], ['None'], [''], [24], [null]])('service_window %p', async (value) => {
      const res = await policy(windowed, { max_age: 'P7D', service_window: value });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/service_window/) } } });
      expect(await (await policy(windowed)).json()).toMatchObject({ max_age: 'P30D', service_window: 'PT24H' });
    });
  });
});
