import { deriveKey, messageKey } from './hkdf';

describe('deriveKey', () => {
  it('matches RFC 5869 test case 3 (SHA-256, empty salt and info)', () => {
    const okm = deriveKey(Buffer.alloc(22, 0x0b), Buffer.alloc(0), '', 42);
    expect(okm.toString('hex')).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });

  it('defaults to 32 bytes and separates keys by info and salt', () => {
    const ikm = Buffer.alloc(32, 7);
    const salt = Buffer.from('salt');
    const a = deriveKey(ikm, salt, 'sealpost/v1/a');
    expect(a).toHaveLength(32);
    expect(deriveKey(ikm, salt, 'sealpost/v1/a')).toEqual(a);
    expect(deriveKey(ikm, salt, 'sealpost/v1/b').equals(a)).toBe(false);
    expect(deriveKey(ikm, Buffer.from('other'), 'sealpost/v1/a').equals(a)).toBe(false);
  });
});

describe('messageKey', () => {
  const a = Buffer.alloc(32, 1);
  const b = Buffer.alloc(32, 2);
  it('depends on both the epoch key and the recipient key', () => {
    expect(messageKey(a, b)).toHaveLength(32);
    expect(messageKey(a, b).equals(messageKey(a, b))).toBe(true);
    expect(messageKey(a, b).equals(messageKey(b, b))).toBe(false);
    expect(messageKey(a, b).equals(messageKey(a, a))).toBe(false);
  });
});
