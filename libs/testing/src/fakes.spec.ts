import { sealForDevice, signSha256 } from '@sealpost/crypto';
import { waitFor } from '@sealpost/infra';
import { DeviceMessageItem, FakeDevice } from './fake-device';
import { FakeWebhookReceiver } from './fake-webhook-receiver';

const post = (url: string, body: string | Buffer, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal });

describe('FakeDevice', () => {
  let device: FakeDevice;

  beforeEach(async () => {
    device = await FakeDevice.start();
  });
  afterEach(() => device.stop());

  async function item(messageId: string, body: string): Promise<DeviceMessageItem> {
    const plaintext = Buffer.from(JSON.stringify({ type: 'text', text: { body } }), 'utf8');
    const sealed = await sealForDevice(device.publicKey, messageId, plaintext);
    return { message_id: messageId, phone_number_id: 'pn-1', timestamp: '1732550000', sealed };
  }

  it('records every item of a POST answered 2xx and opens it with its own key', async () => {
    const a = await item('wamid.A', 'héllo 👋');
    const b = await item('wamid.B', 'second');

    const res = await post(device.url, JSON.stringify({ messages: [a, b] }));

    expect(res.status).toBe(200);
    expect(device.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/inbox$/);
    expect(device.posts).toBe(1);
    expect(device.received.map((i) => i.message_id)).toEqual(['wamid.A', 'wamid.B']);
    await expect(device.open(device.received[0]!)).resolves.toEqual({ type: 'text', text: { body: 'héllo 👋' } });
  });

  it('refuses to open an envelope under another message id (the AAD binds it)', async () => {
    const a = await item('wamid.A', 'secret');
    await expect(device.open({ ...a, message_id: 'wamid.OTHER' })).rejects.toThrow();
  });

  it('keeps items answered non-2xx apart, and counts duplicates once in deliveredIds', async () => {
    const a = await item('wamid.A', 'retry me');
    device.respondWith(503);
    expect((await post(device.url, JSON.stringify({ messages: [a] }))).status).toBe(503);
    device.respondWith(200);
    await post(device.url, JSON.stringify({ messages: [a] }));
    await post(device.url, JSON.stringify({ messages: [a] }));

    expect(device.posts).toBe(3);
    expect(device.rejected.map((i) => i.message_id)).toEqual(['wamid.A']);
    expect(device.received.map((i) => i.message_id)).toEqual(['wamid.A', 'wamid.A']);
    expect(device.deliveredIds()).toEqual(['wamid.A']);
  });

  it('answers 400 to a body without a messages array and 404 off the inbox path', async () => {
    expect((await post(device.url, 'not json')).status).toBe(400);
    expect((await post(device.url.replace('/inbox', '/elsewhere'), '{}')).status).toBe(404);
    expect(device.received).toEqual([]);
  });
});

describe('FakeWebhookReceiver', () => {
  const secret = 'app-secret-123';
  let receiver: FakeWebhookReceiver;

  beforeEach(async () => {
    receiver = await FakeWebhookReceiver.start();
  });
  afterEach(() => receiver.stop());

  const body = (id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'biz-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: 'pn-1' },
              statuses: [{ id, status, timestamp: '1732550000', recipient_id: '12025550123', ...extra }],
            },
          },
        ],
      },
    ],
  });
  // what the contract asks senders to write: non-ASCII as \uXXXX
  const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

  it('checks the signature over the raw bytes and flattens the statuses', async () => {
    receiver.setAppSecret(secret);
    const raw = asciiJson(body('wamid.A', 'delivered', { biz_opaque_callback_data: 'ordér-42' }));

    const res = await post(receiver.url, raw, { 'x-hub-signature-256': signSha256(secret, raw) });

    expect(res.status).toBe(200);
    expect(receiver.requests[0]).toMatchObject({ signatureValid: true, ascii: true, answeredStatus: 200 });
    expect(receiver.requests[0]!.rawBody.toString('utf8')).toBe(raw);
    expect(receiver.statusesFor('wamid.A')).toEqual([
      expect.objectContaining({ id: 'wamid.A', status: 'delivered', biz_opaque_callback_data: 'ordér-42', businessId: 'biz-1', phoneNumberId: 'pn-1', signatureValid: true }),
    ]);
  });

  it('flags raw UTF-8 bodies as non-ASCII and signatures over other bytes as invalid', async () => {
    receiver.setAppSecret(secret);
    const raw = JSON.stringify(body('wamid.A', 'failed', { biz_opaque_callback_data: 'ordér' }));
    // the same JSON re-serialised with escapes: a signature over it must not verify the UTF-8 bytes
    const signature = signSha256(secret, asciiJson(JSON.parse(raw)));

    await post(receiver.url, raw, { 'x-hub-signature-256': signature });

    expect(receiver.requests[0]).toMatchObject({ ascii: false, signatureValid: false });
    expect(receiver.statuses()[0]).toMatchObject({ id: 'wamid.A', signatureValid: false });
  });

  it('re-checks earlier requests once the app secret is known', async () => {
    const raw = asciiJson(body('wamid.A', 'sent'));
    await post(receiver.url, raw, { 'x-hub-signature-256': signSha256(secret, raw) });
    expect(receiver.requests[0]!.signatureValid).toBe(false);

    receiver.setAppSecret(secret);

    expect(receiver.requests[0]!.signatureValid).toBe(true);
  });

  it('counts attempts answered non-2xx but not their statuses', async () => {
    receiver.respondWith(500);
    expect((await post(receiver.url, asciiJson(body('wamid.A', 'delivered')))).status).toBe(500);
    receiver.respondWith(200);
    await post(receiver.url, asciiJson(body('wamid.A', 'delivered')));

    expect(receiver.attempts).toBe(2);
    expect(receiver.statuses()).toHaveLength(1);
  });

  it('does not count a request whose sender gave up before the delayed answer', async () => {
    receiver.delayResponses(2000);

    await expect(post(receiver.url, asciiJson(body('wamid.A', 'delivered')), {}, AbortSignal.timeout(100))).rejects.toThrow();

    await waitFor('the receiver to see the hang-up', async () => receiver.requests[0]?.senderHungUp === true, 2000, 10);
    expect(receiver.requests[0]!.answeredStatus).toBeNull();
    expect(receiver.statuses()).toEqual([]);
  });
});
