import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { inboundPublicKey, openInbound, SealedForDevice } from '@sealpost/crypto';
import { RefusedSend } from './http-submitter';
import { InboundSubmitter, WritingDevice } from './inbound-submitter';

interface Post {
  token: string | undefined;
  url: string | undefined;
  body: { phone_number_id: string; client_message_id: string; key_id: string; sealed: SealedForDevice };
}

/** Delivery's POST /v1/messages stand-in: answers each request with answer(post), after a short delay. */
async function fakeDelivery(answer: (post: Post) => number): Promise<{ origin: string; server: Server; posts: Post[]; peakInFlight: () => number }> {
  const posts: Post[] = [];
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    peak = Math.max(peak, ++inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(() => {
      inFlight--;
      const post = { token: req.headers.authorization, url: req.url, body: JSON.parse(Buffer.concat(chunks).toString()) as Post['body'] };
      posts.push(post);
      res.writeHead(answer(post), { 'content-type': 'application/json' }).end('{}');
    }, 5));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, posts, peakInFlight: () => peak };
}

const message = (i: number) => ({ clientMessageId: `bench-${i}`, content: { type: 'text', text: { body: `bench-${i}` } } });

describe('InboundSubmitter', () => {
  const ikm = randomBytes(32);
  let devices: WritingDevice[];
  let delivery: Awaited<ReturnType<typeof fakeDelivery>>;
  beforeAll(async () => {
    const key = { key_id: 'dk_1', public_key: await inboundPublicKey(ikm) };
    devices = ['spdev_a', 'spdev_b', 'spdev_c'].map((deviceToken) => ({ deviceToken, key }));
  });
  afterEach(() => new Promise((r) => delivery.server.close(r)));

  it('has device i % n write message i, each device one at a time, sealed to the business key under its client_message_id', async () => {
    delivery = await fakeDelivery(() => 202);
    const submitter = new InboundSubmitter({ deliveryOrigin: delivery.origin, phoneNumberId: '1065' }, devices, 10, message);
    await submitter.run();
    expect(submitter.submitted).toBe(10);
    expect(submitter.responseMs).toHaveLength(10);
    expect(submitter.submittedAt.every(Number.isFinite)).toBe(true);
    expect(delivery.peakInFlight()).toBe(3);
    const byDevice = (token: string) => delivery.posts.filter((p) => p.token === `Bearer ${token}`).map((p) => p.body.client_message_id);
    expect(byDevice('spdev_a')).toEqual(['bench-0', 'bench-3', 'bench-6', 'bench-9']);
    expect(byDevice('spdev_c')).toEqual(['bench-2', 'bench-5', 'bench-8']);
    for (const { url, body } of delivery.posts) {
      expect(url).toBe('/v1/messages');
      expect(body).toMatchObject({ phone_number_id: '1065', key_id: 'dk_1' });
      const opened = JSON.parse((await openInbound(ikm, body.sealed, body.client_message_id)).toString()) as unknown;
      expect(opened).toEqual(message(Number(body.client_message_id.slice(6))).content);
    }
  });

  it('retries 429, 5xx with the same body and counts the retries', async () => {
    let calls = 0;
    delivery = await fakeDelivery(() => [429, 503, 202][Math.min(2, calls++)]);
    const submitter = new InboundSubmitter({ deliveryOrigin: delivery.origin, phoneNumberId: '1' }, devices.slice(0, 1), 1, message);
    await submitter.run();
    expect(submitter.submitted).toBe(1);
    expect(submitter.retries).toEqual({ 429: 1, 503: 1 });
    expect(new Set(delivery.posts.map((p) => JSON.stringify(p.body))).size).toBe(1);
  });

  it('stops on a message delivery refuses for good', async () => {
    delivery = await fakeDelivery((post) => (post.body.client_message_id === 'bench-4' ? 400 : 202));
    const submitter = new InboundSubmitter({ deliveryOrigin: delivery.origin, phoneNumberId: '1' }, devices, 1000, message);
    await expect(submitter.run()).rejects.toThrow(RefusedSend);
    expect(submitter.submitted).toBeLessThan(20);
  });
});
