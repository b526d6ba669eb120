import { randomBytes, randomInt } from 'node:crypto';
import { FakeDevice, FakeWebhookReceiver, SealpostClient, waitFor } from '@sealpost/testing';
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
    const inbound = await sendInboundCanary({ deliveryUrl: suite.url('delivery'), deviceToken: device_token }, business, webhook, waitMs);
    return {
      businessId: business.business_id,
      messageId,
      sent,
      opened,
      inbound,
      canaries: [sent, inbound.sent.text, inbound.sent.name, phone, phone.slice(1), business.access_token, business.app_secret, device_token],
    };
  } finally {
    await Promise.all([device.stop(), webhook.stop()]);
  }
}
