import { randomBytes } from 'node:crypto';
import { encryptEnvelope, messageAad } from '@sealpost/crypto';
import { openMessage } from './open-message';

const key = randomBytes(32);
const ref = { keyId: 'dk_1', keyVersion: 1 };
const plaintext = { to: '12025550123', content: { type: 'text', text: { body: 'Café ✓ 🚀' } }, biz_opaque_callback_data: 'order-42' };
const seal = (value: unknown, messageId = 'wamid.1', businessId = 'biz-1') =>
  encryptEnvelope(key, Buffer.from(JSON.stringify(value)), messageAad(messageId, businessId), ref);

describe('openMessage', () => {
  it('returns the exact plaintext', () => {
    expect(openMessage(key, seal(plaintext), 'wamid.1', 'biz-1')).toEqual({ ok: true, message: plaintext });
  });

  it.each(['ct', 'tag', 'iv'] as const)('calls an altered %s tampered', (field) => {
    const sealed = seal(plaintext);
    const bytes = Buffer.from(sealed[field], 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    expect(openMessage(key, { ...sealed, [field]: bytes.toString('base64url') }, 'wamid.1', 'biz-1')).toEqual({ ok: false, reason: 'tampered' });
  });

  it('calls an envelope moved to another message, business or key tampered', () => {
    const sealed = seal(plaintext);
    expect(openMessage(key, sealed, 'wamid.2', 'biz-1')).toEqual({ ok: false, reason: 'tampered' });
    expect(openMessage(key, sealed, 'wamid.1', 'biz-2')).toEqual({ ok: false, reason: 'tampered' });
    expect(openMessage(randomBytes(32), sealed, 'wamid.1', 'biz-1')).toEqual({ ok: false, reason: 'tampered' });
  });

  it('calls an authentic plaintext of the wrong shape malformed', () => {
    expect(openMessage(key, seal({ to: '12025550123', content: { type: 'image' } }), 'wamid.1', 'biz-1')).toEqual({ ok: false, reason: 'malformed' });
    expect(openMessage(key, seal({ to: '+1 202', content: plaintext.content }), 'wamid.1', 'biz-1')).toEqual({ ok: false, reason: 'malformed' });
    expect(openMessage(key, encryptEnvelope(key, Buffer.from('not json'), messageAad('wamid.1', 'biz-1'), ref), 'wamid.1', 'biz-1')).toEqual({ ok: false, reason: 'malformed' });
  });
});
