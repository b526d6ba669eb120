import type { ReceivedWebhook } from '@sealpost/testing';
import { WebhookInbox } from './webhook-inbox';

const post = (receivedAt: number, ids: string[], answeredStatus: number | null, signatureValid = true): ReceivedWebhook => ({
  receivedAt,
  headers: {},
  rawBody: Buffer.alloc(0),
  body: {
    entry: [{ id: 'b1', changes: [{ value: { metadata: { phone_number_id: '1065' }, messages: ids.map((id) => ({ from: '1202', id, timestamp: '1', type: 'text', text: { body: `text of ${id}` } })) } }] }],
  },
  signature: 'sha256=…',
  signatureValid,
  ascii: true,
  answeredStatus,
  answeredAt: answeredStatus === null ? null : receivedAt,
  senderHungUp: false,
});

describe('WebhookInbox', () => {
  it('reads the messages of POSTs answered 2xx with a valid signature, with their arrival, as they come', () => {
    const requests = [post(100, ['w1', 'w2'], 200), post(200, ['w3'], 503), post(300, ['w4'], 200, false), post(400, ['w5'], null)];
    const inbox = new WebhookInbox(requests);
    expect(inbox.received.map((i) => [i.message_id, i.text, inbox.arrivalOf(i)])).toEqual([
      ['w1', { body: 'text of w1' }, 100],
      ['w2', { body: 'text of w2' }, 100],
    ]);
    expect(inbox.badSignatures).toBe(1);
    requests.push(post(500, ['w3'], 200));
    expect(inbox.received.map((i) => i.message_id)).toEqual(['w1', 'w2', 'w3']);
    expect(inbox.badSignatures).toBe(1);
  });
});
