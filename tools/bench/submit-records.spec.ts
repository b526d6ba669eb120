import { verifySha256 } from '@sealpost/crypto';
import { benchTag, indexOfTag, recordBytes, signedSubmitRecord } from './submit-records';

describe('bench tags', () => {
  it('round-trips an index through its tag and ignores other phases', () => {
    expect(indexOfTag('bench', benchTag('bench', 1234))).toBe(1234);
    expect(indexOfTag('bench', benchTag('prefill', 7))).toBeUndefined();
    expect(indexOfTag('bench', 'bench-x')).toBeUndefined();
  });
});

describe('signedSubmitRecord', () => {
  const business = { phone_number_id: '106540352242922', app_secret: 'a'.repeat(32) };

  it('is keyed by recipient, carries the tag as text and idempotency key, and is signed over its value', () => {
    const message = signedSubmitRecord(business, '+12025551000', 'bench-3');
    const value = message.value as Buffer;
    expect(message.key).toBe('+12025551000');
    expect(JSON.parse(value.toString())).toMatchObject({ to: '+12025551000', type: 'text', text: { body: 'bench-3' }, phone_number_id: business.phone_number_id, client_message_id: 'bench-3' });
    expect(verifySha256(business.app_secret, value, String(message.headers!['x-sealpost-signature']))).toBe(true);
  });

  it('counts value, key and header bytes', () => {
    expect(recordBytes({ key: 'ab', value: Buffer.from('xyz'), headers: { h: 'vv' } })).toBe(2 + 3 + 3);
  });
});
