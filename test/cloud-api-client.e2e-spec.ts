import { createHash } from 'node:crypto';
import { signSha256 } from '@sealpost/crypto';
import { FakeDevice, OnboardedBusiness, pngImage, SealpostClient, Suite, waitFor, testPhone } from '@sealpost/testing';
import type { DeviceMessageItem, DeviceSession } from '@sealpost/testing';
import { CloudApiBot } from './support/cloud-api-bot';

interface Customer {
  /** E.164 digits, the webhook's `from` */
  waId: string;
  device: FakeDevice;
  session: DeviceSession;
}

/** The ids one conversation leaves behind: the customer's text, the bot's reply, the customer's choice. */
interface Conversation {
  text: string;
  reply: string;
  choice: string;
}

const CHOICE = { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } };

/**
 * Real clients prove it (issue #13): a bot built on @kapso/whatsapp-cloud-api, installed from the
 * registry, talks to customers through Sealpost with nothing changed but its base URL — the
 * library checks the webhooks' signatures, parses them, marks read and sends the reply.
 */
describe('a bot on a published Cloud API client library', () => {
  let suite: Suite;
  let client: SealpostClient;
  let bot: CloudApiBot;
  let business: OnboardedBusiness;
  const devices: FakeDevice[] = [];

  async function customer(): Promise<Customer> {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    return { waId: phone.slice(1), device, session: { deliveryUrl: suite.url('delivery'), deviceToken: device_token } };
  }

  /** The customer's device writes (once delivery knows the business) and gets the message id. */
  async function writeIn(session: DeviceSession, content: object, replyTo?: string): Promise<string> {
    let id: string | undefined;
    await waitFor('delivery to take the inbound message', async () => {
      const sent = await FakeDevice.sendInbound(session, business.phone_number_id, content, { replyTo }).catch(() => undefined);
      id = (sent?.body as { message_id?: string } | undefined)?.message_id;
      return sent?.status === 202;
    }, 60000);
    return id!;
  }

  /** One customer's side: write, get the read signal and the reply, open it, mark it read, choose a button. */
  async function converse({ device, session, waId }: Customer): Promise<Conversation> {
    const text = await writeIn(session, { type: 'text', text: { body: `Where is my order? (${waId})` } });
    await waitFor('the bot to answer the text', async () => bot.replies.has(text) || bot.failures.length > 0, 60000);
    expect(bot.failures).toEqual([]);
    const reply = bot.replies.get(text)!;

    let item: DeviceMessageItem | undefined;
    await waitFor('the reply on the device', async () => (item = device.received.find((i) => i.message_id === reply)) !== undefined, 60000);
    expect(await device.open(item!)).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Deliver tomorrow?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
      context: { message_id: text },
    });
    await waitFor('the read and typing signals', async () => device.signals.length >= 2, 60000);
    expect(device.signals).toEqual([
      { type: 'read', message_id: text, timestamp: expect.stringMatching(/^\d+$/) },
      { type: 'typing', phone_number_id: business.phone_number_id, timestamp: expect.stringMatching(/^\d+$/) },
    ]);

    await waitFor('delivery to take the read receipt', async () => (await client.receipt(session.deviceToken, reply)).status === 202, 60000);
    const choice = await writeIn(session, CHOICE, reply);
    await waitFor('the choice and the read status at the bot', async () => bot.messages().some((m) => m.id === choice) && bot.statusesOf(reply).some((s) => s.status === 'read'), 60000);
    return { text, reply, choice };
  }

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S', SEALPOST_DELIVERY_RETRY_MAX: 'PT0.5S' } });
    client = new SealpostClient(suite);
    bot = await CloudApiBot.start();
    business = await client.onboard(bot.url, 1000, 'Bot Shop');
    bot.connect(suite.url('ingestion'), business);
  });

  afterAll(async () => {
    await bot?.stop();
    await Promise.all(devices.map((d) => d.stop()));
    await suite?.stop();
  });

  it("answers two customers at once: each text is marked read and answered with buttons quoting it, each device opens its reply, and each choice reaches the bot after the text, with the reply's statuses in order", async () => {
    const customers = [await customer(), await customer()];
    const conversations = await Promise.all(customers.map(converse));

    // every POST Sealpost made passed the library's signature check, and every library call went through
    expect(bot.refused).toBe(0);
    expect(bot.failures).toEqual([]);
    for (const [i, { waId }] of customers.entries()) {
      const { text, reply, choice } = conversations[i]!;
      const position = (match: (e: CloudApiBot['events'][number]) => boolean) => bot.events.findIndex(match);

      // the customer's messages, each once, in the order written, as the library reads them
      const theirs = bot.messages().filter((m) => m.from === waId);
      expect(theirs.map((m) => m.id)).toEqual([text, choice]);
      expect(theirs[0]).toMatchObject({ type: 'text', text: { body: `Where is my order? (${waId})` }, kapso: { direction: 'inbound' } });
      expect(theirs[0]!.context).toBeUndefined();
      expect(theirs[1]).toMatchObject({ type: 'interactive', interactive: { type: 'button_reply', buttonReply: { id: 'yes', title: 'Yes' } }, context: { from: business.phone_number_id, id: reply }, kapso: { direction: 'inbound' } });

      // the reply's statuses: forward only, each once, to this customer; all after the text they answer
      const statuses = bot.statusesOf(reply);
      expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      for (const status of statuses) expect(status.recipientId).toBe(waId);
      const textAt = position((e) => e.kind === 'message' && e.message.id === text);
      expect(position((e) => e.kind === 'status' && e.status.id === reply)).toBeGreaterThan(textAt);
      expect(position((e) => e.kind === 'message' && e.message.id === choice)).toBeGreaterThan(textAt);

      // the other customer's device saw none of it
      const other = customers[1 - i]!.device;
      expect(other.received.map((item) => item.message_id)).not.toContain(reply);
      expect(other.signals.map((s) => ('message_id' in s ? s.message_id : undefined))).not.toContain(text);
    }
    // the bot answered texts only: two replies, no answer to a button choice
    expect(bot.replies.size).toBe(2);
  });

  it('uploads a photo, sends it by id, reads its metadata, downloads and deletes it, all through the library', async () => {
    const { waId, device } = await customer();
    const photo = pngImage(150_000);
    const { mediaId, messageId } = await bot.sendPhoto(waId, photo, 'Your parcel');
    let item: DeviceMessageItem | undefined;
    await waitFor('the photo message on the device', async () => (item = device.received.find((i) => i.message_id === messageId)) !== undefined, 60000);
    const opened = (await device.open(item!)) as { image: { url: string; media_key: string; caption: string } };
    expect(opened.image.caption).toBe('Your parcel');
    expect(await FakeDevice.fetchMedia(opened.image)).toEqual(photo);

    const { metadata, bytes } = await bot.fetchMedia(mediaId);
    // the library hands the metadata on as the API wrote it
    expect(metadata).toEqual({ messaging_product: 'whatsapp', url: expect.stringContaining(`/v1/media/${mediaId}/content?`), id: mediaId, mime_type: 'image/png', sha256: createHash('sha256').update(photo).digest('hex'), file_size: photo.length });
    expect(bytes).toEqual(photo);
    expect(await bot.deleteMedia(mediaId)).toEqual({ success: true });
    await expect(bot.fetchMedia(mediaId)).rejects.toMatchObject({ httpStatus: 404 });
  });

  it("takes a customer's photo: the library parses the webhook's media object and downloads the plaintext by its id", async () => {
    const { session } = await customer();
    await waitFor('delivery to know the business', async () => (await FakeDevice.businessKey(session, business.phone_number_id)).status === 200, 60000);
    const photo = pngImage(120_000);
    const upload = await FakeDevice.uploadMedia(session, photo, 'image/png');
    expect(upload.status).toBe(201);
    const messageId = await writeIn(session, { type: 'image', image: { ...upload.media, caption: 'Broken on arrival' } });
    let message: { type?: string; image?: Record<string, unknown> } | undefined;
    await waitFor('the photo at the bot', async () => (message = bot.messages().find((m) => m.id === messageId) as typeof message) !== undefined, 60000);
    expect(message!.type).toBe('image');
    expect(message!.image).toMatchObject({ id: upload.media.media_id, caption: 'Broken on arrival' });
    const { metadata, bytes } = await bot.fetchMedia(upload.media.media_id);
    expect(metadata).toMatchObject({ id: upload.media.media_id, mime_type: 'image/png', sha256: createHash('sha256').update(photo).digest('hex'), file_size: photo.length });
    expect(bytes).toEqual(photo);
  });

  it("refuses, through the library's check, a webhook not signed with the business's app secret, recording nothing", async () => {
    const before = { events: bot.events.length, refused: bot.refused, replies: bot.replies.size };
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: business.business_id, changes: [{ field: 'messages', value: { messages: [{ from: '13035570999', id: 'wamid.Forged', timestamp: '1', type: 'text', text: { body: 'forged' } }] } }] }] });
    const cases: Array<[string, Record<string, string>]> = [
      ['no signature', {}],
      ['another secret', { 'x-hub-signature-256': signSha256('not-the-app-secret', Buffer.from(body)) }],
      ['a malformed signature', { 'x-hub-signature-256': 'sha1=abc' }],
    ];
    for (const [what, headers] of cases) {
      const res = await fetch(bot.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
    expect({ events: bot.events.length, refused: bot.refused, replies: bot.replies.size }).toEqual({ ...before, refused: before.refused + cases.length });
  });
});
