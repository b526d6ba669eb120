import { BusinessKey, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, waitFor } from '@sealpost/testing';
import type { BenchOptions } from './bench-options';
import { measurePhase } from './bench-phases';
import type { RunFigures } from './bench-report';
import { DeliveryTracker } from './delivery-tracker';
import { InboundSubmitter, WritingDevice } from './inbound-submitter';
import type { WatchedProcess } from './process-sampler';
import type { Recipient } from './recipients';
import { benchTag } from './submit-records';
import { WebhookInbox, WebhookItem } from './webhook-inbox';

export interface InboundContext {
  deliveryOrigin: string;
  business: OnboardedBusiness;
  recipients: readonly Recipient[];
  /** the business's webhook endpoint: where the run's messages count as delivered */
  receiver: FakeWebhookReceiver;
  options: BenchOptions;
  log: (line: string) => void;
}

/** How long delivery may take to learn of the business (ingestion announces it on the accepted topic). */
const BUSINESS_KNOWN_WITHIN_MS = 60_000;

/**
 * Each device fetches the business's key before it writes, as a customer's app does (not timed).
 * Delivery learns of a business from ingestion's announcement, so the first fetch may wait for it.
 */
async function writingDevices(ctx: InboundContext): Promise<WritingDevice[]> {
  const fetchKey = async (deviceToken: string): Promise<BusinessKey | undefined> => {
    const answer = await FakeDevice.businessKey({ deliveryUrl: ctx.deliveryOrigin, deviceToken }, ctx.business.phone_number_id);
    return answer.status === 200 ? (answer.body as BusinessKey) : undefined;
  };
  await waitFor('delivery to know the business', async () => (await fetchKey(ctx.recipients[0].deviceToken)) !== undefined, BUSINESS_KNOWN_WITHIN_MS, 250);
  const devices: WritingDevice[] = [];
  for (const { deviceToken } of ctx.recipients) {
    const key = await fetchKey(deviceToken);
    if (!key) throw new Error("a device could not fetch the business's key");
    devices.push({ deviceToken, key });
  }
  return devices;
}

/**
 * The inbound run: every recipient's device writes its share of the messages to the business;
 * a message is delivered when the business's webhook took it with a valid signature, and its
 * latency runs from the device starting to seal it to that POST's arrival.
 */
export async function inboundRun(ctx: InboundContext, watched: readonly WatchedProcess[]): Promise<RunFigures> {
  const devices = await writingDevices(ctx);
  const inbox = new WebhookInbox(ctx.receiver.requests);
  const message = (i: number) => ({ clientMessageId: benchTag('bench', i), content: { type: 'text', text: { body: benchTag('bench', i) } } });
  const submitter = new InboundSubmitter({ deliveryOrigin: ctx.deliveryOrigin, phoneNumberId: ctx.business.phone_number_id }, devices, ctx.options.messages, message);
  // the webhook got the text in the clear: its tag ties it to its send
  const open = async (a: { item: WebhookItem }) => ({ text: a.item.text });
  const run = await measurePhase({ tracker: new DeliveryTracker([inbox]), submitter, open, ceilingPerS: 0 }, ctx.options, watched, ctx.log);
  if (inbox.badSignatures > 0) ctx.log(`${inbox.badSignatures} webhook POSTs had a bad signature: not counted`);
  return run;
}
