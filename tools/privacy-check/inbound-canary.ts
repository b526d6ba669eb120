import { randomBytes } from 'node:crypto';
import { DeviceSession, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, waitFor } from '@sealpost/testing';

export interface InboundCanary {
  messageId: string;
  /** the text and profile name the device sealed to the business's key */
  sent: { text: string; name: string };
  /** what the business's webhook received, if it did */
  received?: { text: unknown; name: unknown; signatureValid: boolean };
}

/**
 * The customer writes back: the device seals a random text and profile name with HPKE to the
 * business's public key (fetched from delivery) and POSTs it; the business's webhook endpoint,
 * holding the app secret, must receive it in plaintext, signed. It is the only place that may.
 */
export async function sendInboundCanary(session: DeviceSession, business: OnboardedBusiness, webhook: FakeWebhookReceiver, waitMs: number): Promise<InboundCanary> {
  const sent = { text: `sealpost-inbound-canary-${randomBytes(12).toString('hex')}`, name: `canary-name-${randomBytes(6).toString('hex')}` };
  const answer = await FakeDevice.sendInbound(session, business.phone_number_id, { type: 'text', text: { body: sent.text }, profile: { name: sent.name } });
  if (answer.status !== 202) throw new Error(`the device's inbound canary was answered ${answer.status}`);
  const { message_id: messageId } = answer.body as { message_id: string };
  await waitFor("the inbound canary to reach the business's webhook", async () => webhook.inbound().some((m) => m.id === messageId), waitMs, 250);
  const got = webhook.inbound().find((m) => m.id === messageId)!;
  return { messageId, sent, received: { text: (got.text as { body?: unknown } | undefined)?.body, name: got.contact?.profile.name, signatureValid: got.signatureValid } };
}
