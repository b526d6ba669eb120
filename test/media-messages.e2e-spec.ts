import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import mongoose from 'mongoose';
import type { DeviceMedia } from '@sealpost/contracts';
import { FakeDevice, FakeWebhookReceiver, LocalHttpServer, mediaForm, OnboardedBusiness, pdfDocument, pngImage, SealpostClient, storedMessageCount, SubmitProducer, Suite, testInfra, testKafka, waitFor } from '@sealpost/testing';

/**
 * Media messages end to end (CONTRACT §12): sent by an uploaded id or by a link fetched once at
 * acceptance, they reach a real device inside its HPKE-sealed message as a capability URL and a
 * media key; the device downloads the ciphertext and opens it to the bytes sent. A link that
 * cannot be fetched, or is not what the send says, fails the send at once and stores nothing;
 * media never overtakes the text sent before it.
 */
describe('media messages: sent by id or link, opened by the device', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let producer: SubmitProducer;
  let files: LocalHttpServer;
  let store: mongoose.Connection;
  const devices: FakeDevice[] = [];
  let heldAsked = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const invoice = pdfDocument(300_000);
  const photo = pngImage(200_000);

  const base = () => `${suite.url('ingestion')}/v23.0`;
  const send = (to: string, type: string, object: unknown) => client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to, type, [type]: object }));
  const storedMedia = () => store.collection('media').countDocuments();

  function serveFile(res: ServerResponse, body: Buffer, type: string): void {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
  }

  const recipient = () => client.newRecipient(devices);

  async function opened(device: FakeDevice, messageId: string): Promise<Record<string, unknown>> {
    await waitFor(`message ${messageId} at the device`, async () => device.deliveredIds().includes(messageId), 30000);
    return (await device.open(device.received.find((m) => m.message_id === messageId)!)) as Record<string, unknown>;
  }

  async function sent(res: Response): Promise<string> {
    expect(res.status).toBe(200);
    return ((await res.json()) as { messages: { id: string }[] }).messages[0]!.id;
  }

  async function uploaded(content: Buffer, type: string): Promise<string> {
    const res = await fetch(`${base()}/${business.phone_number_id}/media`, { method: 'POST', headers: { authorization: `Bearer ${business.access_token}` }, body: mediaForm(content, type) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  }

  /** The send fails at once with `code`, and neither a message nor a media is stored. */
  async function refused(attempt: () => Promise<Response>, code: number): Promise<void> {
    const [messages, media] = [await storedMessageCount(testInfra().mongoUrl, business.business_id), await storedMedia()];
    const res = await attempt();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(code);
    expect([await storedMessageCount(testInfra().mongoUrl, business.business_id), await storedMedia()]).toEqual([messages, media]);
  }

  beforeAll(async () => {
    suite = await Suite.start();
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Media Sends Co');
    producer = await SubmitProducer.connect(testKafka('business'));
    store = await mongoose.createConnection(testInfra().mongoUrl, { dbName: 'sealpost_ingestion' }).asPromise();
    files = await LocalHttpServer.start(async (req, _body, res) => {
      if (req.url === '/invoice.pdf') return serveFile(res, invoice, 'application/pdf');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/invoice.pdf' }).end();
      if (req.url === '/held.png') {
        // answered only once the test has sent what must not overtake it
        heldAsked = true;
        await held;
        return serveFile(res, photo, 'image/png');
      }
      // an image served as a PDF: the link's declared type is not its content
      if (req.url === '/lying.pdf') return serveFile(res, photo, 'application/pdf');
      res.writeHead(404).end();
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await store?.close();
    await files?.stop();
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  it('sends an uploaded image by id: the device downloads the ciphertext and opens it to the bytes uploaded', async () => {
    const { phone, device } = await recipient();
    const id = await uploaded(photo, 'image/png');
    const messageId = await sent(await send(phone, 'image', { id, caption: 'Your parcel, as it arrived' }));
    const content = await opened(device, messageId);
    const media = content.image as DeviceMedia;
    expect(content).toEqual({ type: 'image', image: { url: expect.stringMatching(/\/v1\/media\/\d+\/sealed\/[\w-]+$/), media_key: expect.stringMatching(/^[\w-]{43}$/), sha256: createHash('sha256').update(photo).digest('hex'), mime_type: 'image/png', file_size: photo.length, caption: 'Your parcel, as it arrived' } });
    expect(await FakeDevice.fetchMedia(media)).toEqual(photo);
    // the URL alone gives ciphertext: without the key it is not the photo, and another capability gets nothing
    const ciphertext = Buffer.from(await (await fetch(media.url)).arrayBuffer());
    expect(ciphertext.includes(photo.subarray(100, 164))).toBe(false);
    expect((await fetch(`${media.url.slice(0, -4)}AAAA`)).status).toBe(404);
  });

  it('sends a document by link, following a redirect: fetched once, sealed, opened by the device with its filename', async () => {
    const { phone, device } = await recipient();
    const messageId = await sent(await send(phone, 'document', { link: `${files.origin}/moved`, filename: 'invoice.pdf', caption: 'Invoice A-7' }));
    const media = (await opened(device, messageId)).document as DeviceMedia;
    expect(media).toMatchObject({ mime_type: 'application/pdf', file_size: invoice.length, filename: 'invoice.pdf', caption: 'Invoice A-7' });
    expect(await FakeDevice.fetchMedia(media)).toEqual(invoice);
  });

  it('never lets media overtake the text sent before it to the same recipient (Kafka, a link held open between two texts)', async () => {
    const { phone, device } = await recipient();
    const tag = randomUUID();
    const submit = (type: string, object: unknown, n: number) =>
      producer.submit({ messaging_product: 'whatsapp', to: phone, type, [type]: object, phone_number_id: business.phone_number_id, biz_opaque_callback_data: `${tag}-${n}` }, { appSecret: business.app_secret });
    await submit('text', { body: 'Here is the photo:' }, 1);
    await submit('image', { link: `${files.origin}/held.png` }, 2);
    await waitFor('ingestion to fetch the link', async () => heldAsked, 30000);
    await submit('text', { body: 'Did it arrive?' }, 3);
    release();
    await waitFor('three messages at the device', async () => device.deliveredIds().length === 3, 60000);
    const types = await Promise.all(device.deliveredIds().map(async (id) => ((await device.open(device.received.find((m) => m.message_id === id)!)) as { type: string }).type));
    expect(types).toEqual(['text', 'image', 'text']);
  });

  describe('fails the send at once, storing nothing,', () => {
    let phone: string;
    beforeAll(async () => {
      phone = (await recipient()).phone;
    });

    it('for a link that answers 404 (131052)', () => refused(() => send(phone, 'image', { link: `${files.origin}/gone.png` }), 131052));
    it('for a link nobody answers at (131052)', () => refused(() => send(phone, 'image', { link: 'http://127.0.0.1:9/photo.png' }), 131052));
    it('for a link whose content is not its declared type (131053)', () => refused(() => send(phone, 'document', { link: `${files.origin}/lying.pdf` }), 131053));
    it('for a link to a document sent as an image (131053)', () => refused(() => send(phone, 'image', { link: `${files.origin}/invoice.pdf` }), 131053));
    it('for an uploaded document sent as an image (131053)', async () => {
      const id = await uploaded(invoice, 'application/pdf');
      await refused(() => send(phone, 'image', { id }), 131053);
    });
    it('for an id no media of the business has (100)', () => refused(() => send(phone, 'video', { id: '123456789012345' }), 100));
    it('for both an id and a link (100)', () => refused(() => send(phone, 'image', { id: '1', link: `${files.origin}/held.png` }), 100));
    it('for a caption on audio (100)', () => refused(() => send(phone, 'audio', { id: '1', caption: 'listen' }), 100));
  });
});
