import { createHash, randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { SERVICE_NAMES } from '@sealpost/contracts';
import { FakeDevice, FakeWebhookReceiver, OnboardedBusiness, pdfDocument, pngImage, scanForCanaries, SealpostClient, Suite, testInfra, testKafka, testPhone, waitFor } from '@sealpost/testing';
import type { DeviceSession } from '@sealpost/testing';

interface MediaView {
  messaging_product: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

type Uploaded = Awaited<ReturnType<typeof FakeDevice.uploadMedia>>['media'];

/**
 * Media customers send businesses (CONTRACT §12, #15 item 4) on real infrastructure: the device
 * uploads ciphertext under a key of its own, names it in an inbound message with that key, the
 * business's webhook gets the Cloud API media object and the business downloads the plaintext
 * through `GET /{version}/{id}` like any media. Every refusal leaves nothing stored and sends nothing.
 */
describe('inbound media: customers send images and documents to businesses', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let other: OnboardedBusiness;
  let store: mongoose.Connection;
  const devices: FakeDevice[] = [];

  const base = () => `${suite.url('ingestion')}/v23.0`;
  const auth = (as: OnboardedBusiness) => ({ authorization: `Bearer ${as.access_token}` });
  const retrieve = (id: string, as = business) => fetch(`${base()}/${id}`, { headers: auth(as) });
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  async function customer(): Promise<{ phone: string; session: DeviceSession }> {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    const session = { deliveryUrl: suite.url('delivery'), deviceToken: device_token };
    await waitFor('the business key', async () => (await FakeDevice.businessKey(session, business.phone_number_id)).status === 200, 30000);
    return { phone, session };
  }

  async function uploaded(session: DeviceSession, file: Buffer, mimeType: string): Promise<Uploaded> {
    const res = await FakeDevice.uploadMedia(session, file, mimeType);
    expect(res.status).toBe(201);
    expect(res.media.media_id).toMatch(/^\d{15}$/);
    return res.media;
  }

  const stored = async () => ({
    media: await store.collection('inbound_media').countDocuments(),
    attached: await store.collection('inbound_media').countDocuments({ state: 'attached' }),
    chunks: await store.collection('inbound_media.chunks').countDocuments(),
    messages: await store.collection('inbound_messages').countDocuments(),
  });

  /** What a refused request must leave: the error asked for, the store as it was, and no webhook. */
  async function refused(attempt: () => Promise<{ status: number; body: unknown }>, status: number, code: number): Promise<void> {
    const before = await stored();
    const webhooks = receiver.requests.length;
    const res = await attempt();
    expect(res.status).toBe(status);
    expect((res.body as { error: { code: number; error_data: { details: string } } }).error.code).toBe(code);
    expect(await stored()).toEqual(before);
    expect(receiver.requests.length).toBe(webhooks);
  }

  function webhookMediaOf(messageId: string): Record<string, unknown> | undefined {
    const message = receiver.inbound().find((m) => m.id === messageId) as unknown as Record<string, unknown> | undefined;
    return message && (message[String(message.type)] as Record<string, unknown>);
  }

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_RETENTION_SWEEP_INTERVAL: 'PT1H', SEALPOST_RETENTION_REPORT_DEADLINE: 'PT3S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Inbound Media Shop');
    other = await client.onboard(receiver.url, 1000, 'Another Shop');
    receiver.setAppSecret(business.app_secret);
    store = await mongoose.createConnection(testInfra().mongoUrl, { dbName: 'sealpost_delivery' }).asPromise();
  });

  afterAll(async () => {
    await store?.close();
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it("delivers a customer's photo to the webhook as the Cloud API media object, and the business downloads its plaintext by GET /{version}/{id}", async () => {
    const canary = `INBOUND-MEDIA-CANARY-${randomUUID()}`;
    const { session } = await customer();
    const photo = pngImage(0, Buffer.concat([Buffer.from(canary), randomBytes(200_000), Buffer.from(canary)]));
    const media = await uploaded(session, photo, 'image/png');
    const sent = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...media, caption: 'the damaged parcel' } });
    expect(sent.status).toBe(202);
    const messageId = (sent.body as { message_id: string }).message_id;

    await waitFor('the webhook', async () => webhookMediaOf(messageId) !== undefined, 30000);
    expect(webhookMediaOf(messageId)).toEqual({ id: media.media_id, mime_type: 'image/png', sha256: sha256(photo), caption: 'the damaged parcel' });
    const webhook = receiver.requests.find((r) => r.rawBody.toString().includes(messageId))!;
    expect(webhook.rawBody.toString()).not.toContain(media.media_key);

    const res = await retrieve(media.media_id);
    expect(res.status).toBe(200);
    const view = (await res.json()) as MediaView;
    expect(view).toEqual({ messaging_product: 'whatsapp', url: expect.stringMatching(/\/v1\/media\/\d+\/content\?expires=\d+&signature=[\w-]+$/), mime_type: 'image/png', sha256: sha256(photo), file_size: photo.length, id: media.media_id });
    const download = await fetch(view.url, { headers: auth(business) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(photo);

    // another business, or no token, or an altered URL: nothing
    expect((await retrieve(media.media_id, other)).status).toBe(404);
    expect((await fetch(view.url, { headers: auth(other) })).status).toBe(404);
    expect((await fetch(view.url)).status).toBe(401);
    expect((await fetch(view.url.replace(/signature=[\w-]+/, 'signature=AAAA'), { headers: auth(business) })).status).toBe(403);

    // no plaintext at rest, in a topic or a log: the media key and the canary are nowhere
    const hits = await scanForCanaries([canary, media.media_key], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles: SERVICE_NAMES.map((s) => suite.logFile(s)) });
    expect(hits).toEqual([]);
  });

  it('streams a 12 MB document both ways, its filename and caption in the webhook', async () => {
    const { session } = await customer();
    const invoice = pdfDocument(12 * 1024 * 1024);
    const media = await uploaded(session, invoice, 'application/pdf');
    const sent = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'document', document: { ...media, filename: 'invoice.pdf', caption: 'my invoice' } });
    expect(sent.status).toBe(202);
    const messageId = (sent.body as { message_id: string }).message_id;
    await waitFor('the webhook', async () => webhookMediaOf(messageId) !== undefined, 30000);
    expect(webhookMediaOf(messageId)).toEqual({ id: media.media_id, mime_type: 'application/pdf', sha256: sha256(invoice), caption: 'my invoice', filename: 'invoice.pdf' });
    const view = (await (await retrieve(media.media_id)).json()) as MediaView;
    const download = await fetch(view.url, { headers: auth(business) });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(invoice));
  });

  it('lets the business delete it: then it is gone, ciphertext too, and a second delete is 404', async () => {
    const { session } = await customer();
    const media = await uploaded(session, pngImage(10_000), 'image/png');
    const sent = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media });
    expect(sent.status).toBe(202);
    expect((await fetch(`${base()}/${media.media_id}`, { method: 'DELETE', headers: auth(other) })).status).toBe(404);
    const deleted = await fetch(`${base()}/${media.media_id}`, { method: 'DELETE', headers: auth(business) });
    expect(await deleted.json()).toEqual({ success: true });
    expect((await retrieve(media.media_id)).status).toBe(404);
    expect(await store.collection('inbound_media.chunks').countDocuments({ files_id: media.media_id })).toBe(0);
    expect((await fetch(`${base()}/${media.media_id}`, { method: 'DELETE', headers: auth(business) })).status).toBe(404);
  });

  describe('refuses, storing nothing and sending nothing,', () => {
    const image = pngImage(20_000);

    it('an upload without a device token (401), or not sent as application/octet-stream (100)', async () => {
      await refused(() => FakeDevice.uploadMedia({ deliveryUrl: suite.url('delivery'), deviceToken: 'spdev_wrong' }, image, 'image/png'), 401, 190);
      const { session } = await customer();
      await refused(() => FakeDevice.uploadMedia(session, image, 'image/png', { contentType: 'application/json' }), 400, 100);
    });

    it('an upload shorter than an empty file’s ciphertext (131053)', async () => {
      const { session } = await customer();
      await refused(() => FakeDevice.uploadMedia(session, image, 'image/png', { ciphertext: (sealed) => sealed.subarray(0, 10) }), 400, 131053);
    });

    it("a message naming another device's upload, or none (131009)", async () => {
      const owner = await customer();
      const media = await uploaded(owner.session, image, 'image/png');
      const { session } = await customer();
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media }), 400, 131009);
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...media, media_id: '999999999999999' } }), 400, 131009);
    });

    it('a message whose key does not open the upload, or whose upload was altered (131053)', async () => {
      const { session } = await customer();
      const media = await uploaded(session, image, 'image/png');
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...media, media_key: randomBytes(32).toString('base64url') } }), 400, 131053);
      const altered = await FakeDevice.uploadMedia(session, image, 'image/png', { ciphertext: (sealed) => Buffer.concat([sealed.subarray(0, 100), Buffer.from([sealed[100]! ^ 1]), sealed.subarray(101)]) });
      expect(altered.status).toBe(201);
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: altered.media }), 400, 131053);
    });

    it('a message whose sha256 is not the file’s, or whose type is not what the file is (131053)', async () => {
      const { session } = await customer();
      const media = await uploaded(session, image, 'image/png');
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...media, sha256: sha256(Buffer.from('another file')) } }), 400, 131053);
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...media, mime_type: 'image/jpeg' } }), 400, 131053);
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'document', document: { ...media, mime_type: 'image/png' } }), 400, 131053);
      const pdf = await uploaded(session, pdfDocument(5_000), 'application/pdf');
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: { ...pdf, mime_type: 'image/png' } }), 400, 131053);
    });

    it('an image larger than the Cloud API takes (131052)', async () => {
      const { session } = await customer();
      const media = await uploaded(session, pngImage(5 * 1024 * 1024 + 1), 'image/png');
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media }), 400, 131052);
    });

    it('a second message naming media already sent (131009)', async () => {
      const { session } = await customer();
      const media = await uploaded(session, image, 'image/png');
      expect((await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media })).status).toBe(202);
      await refused(() => FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media }), 400, 131009);
    });
  });

  it("erasing the customer's number removes the media they sent, and the business can no longer fetch it", async () => {
    const { phone, session } = await customer();
    const media = await uploaded(session, pngImage(30_000), 'image/png');
    const unsent = await uploaded(session, pngImage(30_000), 'image/png');
    expect((await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: media })).status).toBe(202);
    expect((await retrieve(media.media_id)).status).toBe(200);

    const started = await suite.admin('retention', '/admin/erasures', { method: 'POST', body: JSON.stringify({ phone }) });
    expect(started.status).toBe(202);
    const { erasure_id } = (await started.json()) as { erasure_id: string };
    await waitFor('the erasure to finish', async () => ((await (await suite.admin('retention', `/admin/erasures/${erasure_id}`)).json()) as { status: string }).status === 'done', 60000);

    expect((await retrieve(media.media_id)).status).toBe(404);
    for (const id of [media.media_id, unsent.media_id]) {
      expect(await store.collection('inbound_media').countDocuments({ _id: id as never })).toBe(0);
      expect(await store.collection('inbound_media.chunks').countDocuments({ files_id: id })).toBe(0);
    }
  });
});
