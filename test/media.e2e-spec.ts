import { createHash, randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { sealedMediaBytes } from '@sealpost/crypto';
import { FakeWebhookReceiver, mediaForm, OnboardedBusiness, pdfDocument, pngImage, scanForCanaries, SealpostClient, Suite, testInfra, testKafka } from '@sealpost/testing';


/**
 * Media upload, retrieval, download and deletion (CONTRACT §12) on real infrastructure: each
 * file sealed at the door under its own key (no plaintext byte stored, shown by canaries), a
 * 12 MB document streamed both ways, every refusal with its Cloud API code and nothing stored.
 */
describe('media: upload, retrieve, download and delete, encrypted at rest', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  let other: OnboardedBusiness;
  let store: mongoose.Connection;
  const canary = `MEDIA-CANARY-${randomUUID()}`;

  const base = () => `${suite.url('ingestion')}/v23.0`;
  const auth = (as: OnboardedBusiness) => ({ authorization: `Bearer ${as.access_token}` });

  function upload(content: Buffer, fields: { type?: string; messaging_product?: string; partType?: string } = {}, as = business): Promise<Response> {
    return fetch(`${base()}/${as.phone_number_id}/media`, { method: 'POST', headers: auth(as), body: mediaForm(content, fields.type ?? 'image/png', fields) });
  }

  async function uploaded(content: Buffer, type = 'image/png'): Promise<string> {
    const res = await upload(content, { type });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^\d{15}$/);
    return id;
  }

  const retrieve = (id: string, as = business) => fetch(`${base()}/${id}`, { headers: auth(as) });
  const stored = async () => ({
    records: await store.collection('media').countDocuments(),
    files: await store.collection('media.files').countDocuments(),
    chunks: await store.collection('media.chunks').countDocuments(),
  });

  /** What a refused request must leave: the error asked for, and the store as it was. */
  async function refused(attempt: () => Promise<Response>, status: number, code: number): Promise<void> {
    const before = await stored();
    const res = await attempt();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(code);
    expect(await stored()).toEqual(before);
  }

  beforeAll(async () => {
    suite = await Suite.start();
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Media Co');
    other = await client.onboard(receiver.url, 1000, 'Other Media Co');
    store = await mongoose.createConnection(testInfra().mongoUrl, { dbName: 'sealpost_ingestion' }).asPromise();
  });

  afterAll(async () => {
    await store?.close();
    await receiver?.stop();
    await suite?.stop();
  });

  it('uploads an image, gives its metadata and a URL, and the URL gives back its bytes with the business token', async () => {
    const image = pngImage(0, Buffer.concat([Buffer.from(canary), randomBytes(300_000), Buffer.from(canary)]));
    const id = await uploaded(image);

    const res = await retrieve(id);
    expect(res.status).toBe(200);
    const view = (await res.json()) as { url: string; mime_type: string; sha256: string; file_size: number; id: string; messaging_product: string };
    expect(view).toEqual({ messaging_product: 'whatsapp', url: expect.stringMatching(/^http:\/\/.+\/v1\/media\/\d+\/content\?expires=\d+&signature=[\w-]+$/), mime_type: 'image/png', sha256: createHash('sha256').update(image).digest('hex'), file_size: image.length, id });

    const download = await fetch(view.url, { headers: auth(business) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(image);

    // stored sealed in chunks: the size the contract's format gives, and no plaintext anywhere
    const file = await store.collection('media.files').findOne({ _id: id as never });
    expect(file?.length).toBe(sealedMediaBytes(image.length));
    const logFiles = [...suite.processes.keys()].map((s) => suite.logFile(s));
    expect(await scanForCanaries([canary], { kafka: testKafka(), mongoUrl: testInfra().mongoUrl, logFiles })).toEqual([]);
  });

  it('streams a 12 MB document in and out whole', async () => {
    const document = pdfDocument(12 * 1024 * 1024);
    const id = await uploaded(document, 'application/pdf');
    const view = (await (await retrieve(id)).json()) as { url: string; sha256: string };
    const download = await fetch(view.url, { headers: auth(business) });
    expect(download.headers.get('content-length')).toBe(String(document.length));
    const body = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(view.sha256);
    expect(body.equals(document)).toBe(true);
  });

  it('serves the URL only with the owning business token, unaltered', async () => {
    const id = await uploaded(pngImage(1000));
    const { url } = (await (await retrieve(id)).json()) as { url: string };
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: auth(other) })).status).toBe(404);
    expect((await retrieve(id, other)).status).toBe(404);
    const altered = new URL(url);
    altered.searchParams.set('expires', String(Number(altered.searchParams.get('expires')) + 3600));
    const res = await fetch(altered, { headers: auth(business) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('expired or altered');
  });

  it('deletes media: its record and ciphertext go, and its id and URL answer 404', async () => {
    const id = await uploaded(pngImage(2000));
    const { url } = (await (await retrieve(id)).json()) as { url: string };
    expect((await fetch(`${base()}/${id}`, { method: 'DELETE', headers: auth(other) })).status).toBe(404);
    const res = await fetch(`${base()}/${id}`, { method: 'DELETE', headers: auth(business) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect((await retrieve(id)).status).toBe(404);
    expect((await fetch(url, { headers: auth(business) })).status).toBe(404);
    expect(await store.collection('media.chunks').countDocuments({ files_id: id })).toBe(0);
    expect((await fetch(`${base()}/${id}`, { method: 'DELETE', headers: auth(business) })).status).toBe(404);
  });

  describe('refuses, storing nothing,', () => {
    it('content that is not its declared type (131053)', () => refused(() => upload(pngImage(5000), { type: 'image/jpeg' }), 400, 131053));
    it('a type the Cloud API does not take (131053)', () => refused(() => upload(Buffer.from('GIF89a......'), { type: 'image/gif' }), 400, 131053));
    it('a program declared as a text document (131053)', () => refused(() => upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200), Buffer.from('PE\0\0'), randomBytes(5000)]), { type: 'text/plain' }), 400, 131053));
    it('an image over 5 MB (131052)', () => refused(() => upload(pngImage(5 * 1024 * 1024)), 400, 131052));
    it('a sticker over 500 KB (131052)', () => refused(() => upload(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(600 * 1024)]), { type: 'image/webp' }), 400, 131052));
    it('a form without messaging_product (100)', () => refused(() => upload(pngImage(100), { messaging_product: '' }), 400, 100));
    it('a form without a file (100)', () => {
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      return refused(() => fetch(`${base()}/${business.phone_number_id}/media`, { method: 'POST', headers: auth(business), body: form }), 400, 100);
    });
    it('a body that is not a form (100)', () =>
      refused(() => fetch(`${base()}/${business.phone_number_id}/media`, { method: 'POST', headers: { ...auth(business), 'content-type': 'application/json' }, body: '{"file":"x"}' }), 400, 100));
    it('another business phone number (401)', () => refused(() => fetch(`${base()}/${other.phone_number_id}/media`, { method: 'POST', headers: auth(business), body: new FormData() }), 401, 190));
  });

  it('takes the type from the file part when the form has no type field', async () => {
    const res = await upload(pdfDocument(100), { type: '', partType: 'application/pdf' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(((await (await retrieve(id)).json()) as { mime_type: string }).mime_type).toBe('application/pdf');
  });
});
