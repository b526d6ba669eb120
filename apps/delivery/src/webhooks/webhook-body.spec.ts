import { createHmac } from 'node:crypto';
import { verifySha256 } from '@sealpost/crypto';
import { asciiJson, signedWebhook, statusWebhookBody, WebhookStatus } from './webhook-body';

describe('asciiJson', () => {
  it('escapes é, ✓ and an emoji (as its surrogate pair) and leaves ASCII alone', () => {
    expect(asciiJson({ t: 'Café ✓ 🚀 "q" \\ /' })).toBe('{"t":"Caf\\u00e9 \\u2713 \\ud83d\\ude80 \\"q\\" \\\\ /"}');
  });

  it('round-trips through JSON.parse to the original text', () => {
    const value = { s: 'Ünïcödé — 日本語 👩🏽‍💻 \u0000\u001f\u007f', n: 1, a: [null, true] };
    expect(JSON.parse(asciiJson(value))).toEqual(value);
  });

  it('produces bytes that are all below 0x80', () => {
    const raw = Buffer.from(asciiJson({ s: 'ÿ€𝄞' }), 'utf8');
    expect(raw.every((b) => b < 0x80)).toBe(true);
  });
});

describe('statusWebhookBody', () => {
  const statuses: WebhookStatus[] = [
    { id: 'wamid.2', status: 'read', timestamp: '1732550009', recipient_id: '12025550123' },
    { id: 'wamid.1', status: 'delivered', timestamp: '1732550005', recipient_id: '12025550123', biz_opaque_callback_data: 'order-42' },
    { id: 'wamid.1', status: 'sent', timestamp: '1732550001', recipient_id: '12025550123', biz_opaque_callback_data: 'order-42' },
    { id: 'wamid.3', status: 'failed', timestamp: '1732550002', errors: [{ code: 131026, title: 'Message undeliverable', message: 'no device' }] },
  ];

  it('has the Cloud API shape and orders statuses by rank, then time', () => {
    const body = statusWebhookBody('biz-1', 'pn-1', statuses) as { object: string; entry: { id: string; changes: { field: string; value: { messaging_product: string; metadata: unknown; statuses: WebhookStatus[] } }[] }[] };
    expect(body.object).toBe('whatsapp_business_account');
    expect(body.entry).toHaveLength(1);
    expect(body.entry[0]!.id).toBe('biz-1');
    const change = body.entry[0]!.changes[0]!;
    expect(change.field).toBe('messages');
    expect(change.value.messaging_product).toBe('whatsapp');
    expect(change.value.metadata).toEqual({ phone_number_id: 'pn-1' });
    expect(change.value.statuses.map((s) => `${s.id}:${s.status}`)).toEqual(['wamid.1:sent', 'wamid.3:failed', 'wamid.1:delivered', 'wamid.2:read']);
  });

  it('omits what is unknown instead of writing null or undefined', () => {
    const body = statusWebhookBody('b', 'p', [{ id: 'm', status: 'sent', timestamp: '1', recipient_id: undefined, errors: [] }]);
    expect(JSON.stringify(body)).toContain('"statuses":[{"id":"m","status":"sent","timestamp":"1"}]');
  });
});

describe('signedWebhook', () => {
  const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const body = statusWebhookBody('biz', 'pn', [{ id: 'wamid.é', status: 'delivered', timestamp: '1', biz_opaque_callback_data: 'Café ✓ 🚀' }]);

  it('signs exactly the ASCII bytes it returns', () => {
    const { raw, signature } = signedWebhook(secret, body);
    expect(raw.every((b) => b < 0x80)).toBe(true);
    expect(raw.toString('ascii')).toContain('Caf\\u00e9 \\u2713 \\ud83d\\ude80');
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
    expect(verifySha256(secret, raw, signature)).toBe(true);
    expect(JSON.parse(raw.toString('ascii'))).toEqual(body);
  });

  it('does not verify over the UTF-8 re-serialisation nor with another secret', () => {
    const { raw, signature } = signedWebhook(secret, body);
    expect(verifySha256(secret, Buffer.from(JSON.stringify(body), 'utf8'), signature)).toBe(false);
    expect(verifySha256('another-secret', raw, signature)).toBe(false);
  });
});
