import { flattenInbound, ReceivedWebhook } from '@sealpost/testing';
import type { Inbox } from './delivery-tracker';

/** One inbound message as the business's webhook endpoint took it. */
export interface WebhookItem {
  message_id: string;
  /** the message's text object, as the Cloud API shape carries it */
  text: unknown;
}

/**
 * The business's webhook endpoint as the delivery tracker reads a device: the inbound messages
 * of every POST it answered 2xx with a valid signature, in arrival order, read incrementally
 * from the receiver's request log. A POST with a bad signature counts, and delivers nothing.
 */
export class WebhookInbox implements Inbox<WebhookItem> {
  private readonly items: WebhookItem[] = [];
  private readonly arrivals = new WeakMap<WebhookItem, number>();
  private cursor = 0;
  badSignatures = 0;

  constructor(private readonly requests: readonly ReceivedWebhook[]) {}

  get received(): readonly WebhookItem[] {
    for (; this.cursor < this.requests.length; this.cursor++) {
      const request = this.requests[this.cursor];
      // answered before the handler returns (the bench's receiver never delays): not yet means never
      if (request.answeredStatus === null || request.answeredStatus < 200 || request.answeredStatus >= 300) continue;
      if (!request.signatureValid) {
        this.badSignatures++;
        continue;
      }
      for (const message of flattenInbound(request.body, true)) {
        const item = { message_id: message.id, text: message.text };
        this.arrivals.set(item, request.receivedAt);
        this.items.push(item);
      }
    }
    return this.items;
  }

  arrivalOf(item: WebhookItem): number {
    return this.arrivals.get(item) ?? NaN;
  }
}
