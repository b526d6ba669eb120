import { randomBytes } from 'node:crypto';
import { DeviceSession, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, pngImage, waitFor } from '@sealpost/testing';

export interface InboundCanary {
  messageId: string;
  /** the text and profile name the device sealed to the business's key */
  sent: { text: string; name: string };
  /** what the business's webhook received, if it did */
  received?: { text: unknown; name: unknown; signatureValid: boolean };
  /** an image holding a canary, encrypted by the device under its own key and sent: whether the business downloaded it byte for byte */
  mediaDownloaded: boolean;
  /** the key the device encrypted that image under: found nowhere either */
  mediaKey: string;
}

/**
 * The customer writes back: the device seals a random text and profile name with HPKE to the
 * business's public key (fetched from delivery) and POSTs it; the business's webhook endpoint,
 * holding the app secret, must receive it in plaintext, signed. It is the only place that may.
 * Then an image the device encrypted itself, which the business downloads like any media.
 */
export async function sendInboundCanary(session: DeviceSession, business: OnboardedBusiness, webhook: FakeWebhookReceiver, ingestionUrl: string, waitMs: number): Promise<InboundCanary> {
  const sent = { text: `sealpost-inbound-canary-${randomBytes(12).toString('hex')}`, name: `canary-name-${randomBytes(6).toString('hex')}` };
  const answer = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: sent.text }, profile: { name: sent.name } });
  if (answer.status !== 202) throw new Error(`the device's inbound canary was answered ${answer.status}`);
  const { message_id: messageId } = answer.body as { message_id: string };
  await waitFor("the inbound canary to reach the business's webhook", async () => webhook.inbound().some((m) => m.id === messageId), waitMs, 250);
  const got = webhook.inbound().find((m) => m.id === messageId)!;
  const image = pngImage(0, Buffer.from(`${sent.text}-media`.repeat(64)));
  const { downloaded, mediaKey } = await sendInboundImage(session, business, webhook, ingestionUrl, image, waitMs);
  return { messageId, sent, received: { text: (got.text as { body?: unknown } | undefined)?.body, name: got.contact?.profile.name, signatureValid: got.signatureValid }, mediaDownloaded: downloaded, mediaKey };
}

/** The device uploads `image` encrypted under its own key and sends it; the business fetches it by `GET /{version}/{id}` (CONTRACT §12). */
async function sendInboundImage(session: DeviceSession, business: OnboardedBusiness, webhook: FakeWebhookReceiver, ingestionUrl: string, image: Buffer, waitMs: number): Promise<{ downloaded: boolean; mediaKey: string }> {
  const upload = await FakeDevice.uploadMedia(session, image, 'image/png');
  const mediaKey = upload.media.media_key;
  if (upload.status !== 201) return { downloaded: false, mediaKey };
  const answer = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'image', image: upload.media });
  if (answer.status !== 202) return { downloaded: false, mediaKey };
  const { message_id: messageId } = answer.body as { message_id: string };
  await waitFor("the customer's canary image to reach the business's webhook", async () => webhook.inbound().some((m) => m.id === messageId), waitMs, 250);
  const auth = { authorization: `Bearer ${business.access_token}` };
  const view = await fetch(`${ingestionUrl}/v23.0/${upload.media.media_id}`, { headers: auth });
  if (view.status !== 200) return { downloaded: false, mediaKey };
  const download = await fetch(((await view.json()) as { url: string }).url, { headers: auth });
  return { downloaded: download.status === 200 && Buffer.from(await download.arrayBuffer()).equals(image), mediaKey };
}
