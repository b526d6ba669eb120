import { FakeDevice, FakeWebhookReceiver, OnboardedBusiness, SealpostClient } from '@sealpost/testing';
import { Teardown } from './teardown';

export interface Recipient {
  phone: string;
  device: FakeDevice;
  /** how the device calls delivery as itself (the inbound mode writes with it) */
  deviceToken: string;
}

export interface BenchAudience {
  business: OnboardedBusiness;
  /** the business's webhook endpoint, checking each POST's signature */
  receiver: FakeWebhookReceiver;
  recipients: Recipient[];
}

/** The i-th recipient's number: valid North American numbers, up to 9000 of them. */
export function recipientPhone(index: number): string {
  return `+1202555${String(1000 + index).padStart(4, '0')}`;
}

/** One business with a real webhook endpoint, and one registered real HTTP device per recipient. */
export async function setUpAudience(client: SealpostClient, recipientCount: number, businessRate: number, teardown: Teardown): Promise<BenchAudience> {
  const receiver = await FakeWebhookReceiver.start();
  teardown.add('the webhook receiver', () => receiver.stop());
  const business = await client.onboard(receiver.url, businessRate, 'Bench Co');
  receiver.setAppSecret(business.app_secret);
  const recipients: Recipient[] = [];
  teardown.add('the devices', () => Promise.all(recipients.map((r) => r.device.stop())));
  for (let i = 0; i < recipientCount; i++) {
    const device = await FakeDevice.start();
    // listed before it registers: the teardown stops it even if registration fails
    const recipient = { phone: recipientPhone(i), device, deviceToken: '' };
    recipients.push(recipient);
    recipient.deviceToken = (await client.registerDevice(recipient.phone, device.url, device.publicKey)).device_token;
  }
  return { business, receiver, recipients };
}
