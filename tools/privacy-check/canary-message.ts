import { randomBytes, randomInt } from 'node:crypto';
import { FakeDevice, FakeWebhookReceiver, mediaForm, OnboardedBusiness, pngImage, SealpostClient, waitFor } from '@sealpost/testing';
import { InboundCanary, sendInboundCanary } from './inbound-canary';
import type { RunningSuite } from './running-suite';

export interface CanaryDelivery {
  businessId: string;
  messageId: string;
  /** every plaintext the check must find nowhere: both bodies, the profile name, the number, the business's and device's secrets */
  canaries: string[];
  /** the body the device decrypted, if it did */
  opened?: string;
  sent: string;
  /** an image holding a canary, uploaded and sent: whether the device fetched and opened it to the bytes uploaded */
  mediaOpened: boolean;
  /** the device's sealed answer, which only the business's webhook may see */
  inbound: InboundCanary;
}

/**
 * Onboards a throwaway business, registers a device (a local HTTP endpoint holding an X25519
 * key) for a fresh number, sends it a random text over the public API and opens what arrives
 * with the device's key; then the device writes back, sealed to the business's key, and the
 * business's webhook gets it. Runs on the suite's host: delivery must reach 127.0.0.1.
 */
export async function sendCanary(suite: RunningSuite, waitMs: number): Promise<CanaryDelivery> {
  const sent = `sealpost-canary-${randomBytes(12).toString('hex')}`;
  // +1 202 555 9xxx: a number no business of the suite's tests sends to (they use 0100-1999), so a
  // submit record of theirs, plaintext by design, never looks like the canary
  const phone = `+12025559${String(randomInt(1000)).padStart(3, '0')}`;
  const [device, webhook] = await Promise.all([FakeDevice.start(), FakeWebhookReceiver.start()]);
  try {
    const client = new SealpostClient(suite);
    const business = await client.onboard(webhook.url, 80, 'privacy-check');
    webhook.setAppSecret(business.app_secret);
    const { device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    const messageId = await client.sendText(business, phone, sent);
    await waitFor('the canary message to reach the device', async () => device.received.some((i) => i.message_id === messageId), waitMs, 250);
    const item = device.received.find((i) => i.message_id === messageId)!;
    const opened = ((await device.open(item)) as { text?: { body?: string } }).text?.body;
    const media = pngImage(0, Buffer.from(`${sent}-media`.repeat(64)));
    const mediaOpened = await sendMediaCanary(suite, client, business, phone, device, media, waitMs);
    const inbound = await sendInboundCanary({ deliveryUrl: suite.url('delivery'), deviceToken: device_token }, business, webhook, suite.url('ingestion'), waitMs);
    return {
      businessId: business.business_id,
      messageId,
      sent,
      opened,
      mediaOpened,
      inbound,
      canaries: [`${sent}-media`, sent, inbound.sent.text, `${inbound.sent.text}-media`, inbound.mediaKey, inbound.sent.name, phone, phone.slice(1), business.access_token, business.app_secret, device_token],
    };
  } finally {
    await Promise.all([device.stop(), webhook.stop()]);
  }
}

/** Uploads `image`, sends it to the device by id, and has the device fetch and open it (CONTRACT §12). */
async function sendMediaCanary(suite: RunningSuite, client: SealpostClient, business: OnboardedBusiness, phone: string, device: FakeDevice, image: Buffer, waitMs: number): Promise<boolean> {
  const uploaded = await fetch(`${suite.url('ingestion')}/v23.0/${business.phone_number_id}/media`, { method: 'POST', headers: { authorization: `Bearer ${business.access_token}` }, body: mediaForm(image, 'image/png') });
  if (uploaded.status !== 200) return false;
  const { id } = (await uploaded.json()) as { id: string };
  const sent = await client.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', to: phone, type: 'image', image: { id } }));
  const messageId = ((await sent.json()) as { messages?: { id: string }[] }).messages?.[0]?.id;
  if (!messageId) return false;
  await waitFor('the canary image to reach the device', async () => device.received.some((i) => i.message_id === messageId), waitMs, 250);
  const opened = (await device.open(device.received.find((i) => i.message_id === messageId)!)) as { image?: { url: string; media_key: string } };
  return opened.image !== undefined && (await FakeDevice.fetchMedia(opened.image)).equals(image);
}
