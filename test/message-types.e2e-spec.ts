import { randomUUID } from 'node:crypto';
import { TOPICS } from '@sealpost/contracts';
import {
  dumpTopics,
  FakeDevice,
  FakeWebhookReceiver,
  OnboardedBusiness,
  scanForCanaries,
  storedMessageCount,
  SealpostClient,
  SubmitProducer,
  Suite,
  testInfra,
  testKafka,
  waitFor,
  testPhone,
} from '@sealpost/testing';

/**
 * Every outbound type that is not media (CONTRACT §11), end to end: each reaches a real device,
 * which opens `{ type, <type>: {…} }` exactly as sent; templates are created, listed, deleted and
 * rendered into the sealed content; every refusal has its Cloud API code and stores nothing.
 */
describe('message types: location, contacts, interactive, reaction and templates, sealed to the device', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let other: OnboardedBusiness;
  let producer: SubmitProducer;
  const devices: FakeDevice[] = [];

  const base = () => `${suite.url('ingestion')}/v23.0`;
  const send = (to: string, type: string, object: unknown, as = business) => client.sendRaw(as, JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type, [type]: object }));
  const templates = (method: string, as: OnboardedBusiness, body?: unknown, query = '', businessId = as.business_id) =>
    fetch(`${base()}/${businessId}/message_templates${query}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${as.access_token}` }, body: body === undefined ? undefined : JSON.stringify(body) });

  const recipient = () => client.newRecipient(devices);

  async function opened(device: FakeDevice, messageId: string): Promise<unknown> {
    await waitFor(`message ${messageId} at the device`, async () => device.deliveredIds().includes(messageId), 30000);
    return device.open(device.received.find((m) => m.message_id === messageId)!);
  }

  const storedMessages = () => storedMessageCount(testInfra().mongoUrl, business.business_id);

  const orderTemplate = {
    name: 'order_shipped',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
      { type: 'BODY', text: 'Hello {{1}}, your order {{2}} has shipped.', example: { body_text: [['Ada', 'A-7']] } },
      { type: 'FOOTER', text: 'Acme Shipping' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop updates' }] },
    ],
  };
  const orderSend = (name: string, header: string, body: string[]) => ({
    name: 'order_shipped',
    language: { code: 'en_US' },
    components: [
      { type: 'header', parameters: [{ type: 'text', text: header }] },
      { type: 'body', parameters: body.map((text) => ({ type: 'text', text })) },
    ],
    ...(name !== 'order_shipped' && { name }),
  });

  beforeAll(async () => {
    suite = await Suite.start();
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Types Co');
    other = await client.onboard(receiver.url, 1000, 'Other Types Co');
    receiver.setAppSecret(business.app_secret);
    producer = await SubmitProducer.connect(testKafka('business'));
    expect((await templates('POST', business, orderTemplate)).status).toBe(200);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  const objects: [string, unknown][] = [
    ['location', { latitude: 52.520008, longitude: 13.404954, name: 'Depot Nord', address: 'Hauptstraße 1, Berlin' }],
    ['contacts', [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, phones: [{ phone: '+12025550100', type: 'WORK', wa_id: '12025550100' }], emails: [{ email: 'ada@example.com', type: 'WORK' }], birthday: '1815-12-10' }]],
    ['interactive', { type: 'button', header: { type: 'text', text: 'Your order' }, body: { text: 'Deliver tomorrow?' }, footer: { text: 'Acme' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] } }],
    ['interactive', { type: 'list', body: { text: 'Pick a slot' }, action: { button: 'Slots', sections: [{ title: 'Morning', rows: [{ id: 'm1', title: '8–10', description: 'early' }] }, { title: 'Evening', rows: [{ id: 'e1', title: '18–20' }] }] } }],
    ['interactive', { type: 'cta_url', body: { text: 'Track your parcel' }, action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/track/42' } } }],
    ['reaction', { message_id: 'wamid.earlier', emoji: '👍🏽' }],
    ['reaction', { message_id: 'wamid.earlier', emoji: '' }],
  ];

  it('delivers every non-media type over HTTP, and the device opens { type, <type> } as it was sent', async () => {
    const { phone, device } = await recipient();
    const sent: [string, string, unknown][] = [];
    for (const [type, object] of objects) {
      const res = await send(phone, type, object);
      expect(res.status).toBe(200);
      sent.push([((await res.json()) as { messages: { id: string }[] }).messages[0]!.id, type, object]);
    }
    for (const [id, type, object] of sent) expect(await opened(device, id)).toEqual({ type, [type]: object });
  });

  it('delivers a Kafka submit of each kind through the same door: an interactive list and a template', async () => {
    const { phone, device } = await recipient();
    const list = objects[3]![1];
    const template = orderSend('order_shipped', '#K1', ['Grace', 'K-1']);
    for (const [type, object] of [['interactive', list], ['template', template]] as const) {
      await producer.submit({ messaging_product: 'whatsapp', to: phone, type, [type]: object, phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });
    }
    await waitFor('both submits at the device', async () => device.deliveredIds().length === 2, 30000);
    const contents = await Promise.all(device.deliveredIds().map((id) => opened(device, id)));
    expect(contents).toContainEqual({ type: 'interactive', interactive: list });
    expect(contents).toContainEqual({ type: 'template', template, rendered: { header: 'Order #K1', body: 'Hello Grace, your order K-1 has shipped.', footer: 'Acme Shipping' } });
  });

  it('manages templates Cloud API style: create approved, list, refuse a duplicate, delete by name', async () => {
    const named = { name: 'welcome_named', language: 'en', category: 'MARKETING', parameter_format: 'NAMED', components: [{ type: 'BODY', text: 'Welcome {{first_name}}!' }] };
    const created = await templates('POST', business, named);
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect(await templates('GET', business).then((r) => r.json())).toMatchObject({ data: expect.arrayContaining([{ id, name: 'welcome_named', language: 'en', status: 'APPROVED', category: 'MARKETING', parameter_format: 'NAMED', components: named.components }]) });
    expect((await templates('GET', business, undefined, '?name=welcome_named').then((r) => r.json()) as { data: unknown[] }).data).toHaveLength(1);

    const duplicate = await templates('POST', business, named);
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toMatchObject({ error: { code: 100 } });

    const { phone, device } = await recipient();
    const res = await send(phone, 'template', { name: 'welcome_named', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ada' }] }] });
    expect(res.status).toBe(200);
    const messageId = ((await res.json()) as { messages: { id: string }[] }).messages[0]!.id;
    expect(await opened(device, messageId)).toMatchObject({ type: 'template', template: { name: 'welcome_named' }, rendered: { body: 'Welcome Ada!' } });

    expect(await templates('DELETE', business, undefined, '?name=welcome_named').then((r) => r.json())).toEqual({ success: true });
    expect((await templates('GET', business, undefined, '?name=welcome_named').then((r) => r.json()) as { data: unknown[] }).data).toEqual([]);
    const gone = await send(phone, 'template', { name: 'welcome_named', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ada' }] }] });
    expect(gone.status).toBe(400);
    expect(await gone.json()).toMatchObject({ error: { code: 132001 } });
  });

  it("keeps each business to its own templates: another's business_id is refused, an unknown one is not found", async () => {
    for (const [method, body, query] of [['GET'], ['POST', orderTemplate], ['DELETE', undefined, '?name=order_shipped']] as const) {
      const res = await templates(method, other, body, query, business.business_id);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    }
    expect((await templates('GET', other, undefined, '', '999999999999999')).status).toBe(404);
    expect((await templates('GET', { ...business, access_token: 'SPnot-a-token' })).status).toBe(401);
    // still there: the other business deleted nothing
    expect((await templates('GET', business, undefined, '?name=order_shipped').then((r) => r.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  describe('bad sends get the Cloud API code and store nothing', () => {
    const phone = testPhone();
    const cases: [string, () => Promise<Response>, number][] = [
      ['a template that does not exist', () => send(phone, 'template', { name: 'no_such_template', language: { code: 'en_US' } }), 132001],
      ['a template in a language it does not have', () => send(phone, 'template', { ...orderSend('order_shipped', '#1', ['a', 'b']), language: { code: 'de' } }), 132001],
      ["another business's template", () => send(phone, 'template', orderSend('order_shipped', '#1', ['a', 'b']), other), 132001],
      ['too few template parameters', () => send(phone, 'template', orderSend('order_shipped', '#1', ['a'])), 132000],
      ['too many template parameters', () => send(phone, 'template', orderSend('order_shipped', '#1', ['a', 'b', 'c'])), 132000],
      ['a template parameter with a tab', () => send(phone, 'template', orderSend('order_shipped', '#1', ['a\tb', 'c'])), 131009],
      ['a latitude off the globe', () => send(phone, 'location', { latitude: 91, longitude: 0 }), 131009],
      ['two reply buttons with one id', () => send(phone, 'interactive', { type: 'button', body: { text: 'x' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }, { type: 'reply', reply: { id: 'a', title: 'B' } }] } }), 131009],
      ['a reaction that is no emoji', () => send(phone, 'reaction', { message_id: 'wamid.x', emoji: 'ok' }), 131009],
      ['four reply buttons', () => send(phone, 'interactive', { type: 'button', body: { text: 'x' }, action: { buttons: ['a', 'b', 'c', 'd'].map((id) => ({ type: 'reply', reply: { id, title: id } })) } }), 100],
      ['a type without its object', () => client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to: phone, type: 'contacts' })), 100],
      ["a type carrying another type's object", () => client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to: phone, type: 'location', text: { body: 'x' } })), 100],
      ['an unknown field inside interactive', () => send(phone, 'interactive', { ...(objects[4]![1] as object), surprise: 1 }), 100],
    ];

    it.each(cases)('%s', async (_, call, code) => {
      const before = await storedMessages();
      const res = await call();
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code, message: expect.any(String), type: 'OAuthException', fbtrace_id: expect.any(String), error_data: { messaging_product: 'whatsapp', details: expect.any(String) } } });
      expect(await storedMessages()).toBe(before);
    });

    it('a bad template definition is refused with 100 and stored nowhere', async () => {
      const res = await templates('POST', business, { ...orderTemplate, name: 'gappy', components: [{ type: 'BODY', text: 'Hi {{1}} {{3}}' }] });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/without gaps/) } } });
      expect((await templates('GET', business, undefined, '?name=gappy').then((r) => r.json()) as { data: unknown[] }).data).toEqual([]);
    });

    it('a Kafka submit naming an unknown template is dead-lettered and reported failed with 132001', async () => {
      const before = await storedMessages();
      const dlqBefore = (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length;
      await producer.submit({ messaging_product: 'whatsapp', to: phone, type: 'template', template: { name: 'no_such_template', language: { code: 'en' } }, phone_number_id: business.phone_number_id }, { appSecret: business.app_secret });
      await waitFor('the dead-letter record', async () => (await dumpTopics(testKafka(), { topics: [TOPICS.messagesSubmitDlq] })).length > dlqBefore, 30000);
      await waitFor('a failed status carrying 132001', async () => receiver.statuses().some((s) => s.status === 'failed' && s.errors?.some((e) => e.code === 132001)), 30000);
      expect(await storedMessages()).toBe(before);
    });
  });

  it('keeps a canary in a template parameter and in a location name out of every topic, database and log', async () => {
    const { phone, device } = await recipient();
    const [inParameter, inName] = [`cnryparam${randomUUID().slice(0, 8)}`, `cnryplace${randomUUID().slice(0, 8)}`];
    const ids: string[] = [];
    for (const [type, object] of [['template', orderSend('order_shipped', '#9', [inParameter, 'Z-9'])], ['location', { latitude: 1.5, longitude: 2.5, name: inName }]] as const) {
      const res = await send(phone, type, object);
      expect(res.status).toBe(200);
      ids.push(((await res.json()) as { messages: { id: string }[] }).messages[0]!.id);
    }
    expect(await opened(device, ids[0]!)).toMatchObject({ rendered: { body: `Hello ${inParameter}, your order Z-9 has shipped.` } });
    expect(await opened(device, ids[1]!)).toMatchObject({ location: { name: inName } });
    await waitFor('their delivered webhooks', async () => ids.every((id) => receiver.statusesFor(id).some((s) => s.status === 'delivered')), 30000);
    const logFiles = [...suite.processes.keys()].map((s) => suite.logFile(s));
    const hits = await scanForCanaries([inParameter, inName, phone, phone.slice(1)], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles });
    // the only place the number may appear: what business systems themselves wrote to the submit topic
    // (other suites of the run send to the same test numbers over Kafka)
    expect(hits.filter((h) => !h.place.startsWith(`kafka:${TOPICS.messagesSubmit}/`))).toEqual([]);
  });
});
