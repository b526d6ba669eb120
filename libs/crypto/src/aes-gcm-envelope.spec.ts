import { randomBytes } from 'node:crypto';
import { SealedEnvelope, decryptEnvelope, encryptEnvelope, messageAad } from './aes-gcm-envelope';
import { toBase64url } from './base64url';

const keyRef = { keyId: 'biz-1', keyVersion: 3 };

function flipFirstByte(b64url: string): string {
  const bytes = Buffer.from(b64url, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  return toBase64url(bytes);
}

describe('AES-256-GCM envelope', () => {
  const key = randomBytes(32);
  const aad = messageAad('msg-1', 'biz-1');
  const plaintext = Buffer.from('hello, sealed world');

  it('round-trips and records the key reference', () => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(env).toMatchObject({ alg: 'A256GCM', key_id: 'biz-1', key_version: 3 });
    expect(Buffer.from(env.iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(env.tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(env.ct, 'base64url').equals(plaintext)).toBe(false);
    expect(decryptEnvelope(key, env, aad)).toEqual(plaintext);
  });

  it('round-trips an empty plaintext', () => {
    expect(decryptEnvelope(key, encryptEnvelope(key, Buffer.alloc(0), aad, keyRef), aad)).toEqual(Buffer.alloc(0));
  });

  it('uses a fresh IV each time', () => {
    const a = encryptEnvelope(key, plaintext, aad, keyRef);
    const b = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it.each(['ct', 'tag', 'iv'] as const)('rejects a tampered %s', (field) => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(() => decryptEnvelope(key, { ...env, [field]: flipFirstByte(env[field]) }, aad)).toThrow();
  });

  it('rejects a truncated tag instead of accepting a shorter MAC', () => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    const short = toBase64url(Buffer.from(env.tag, 'base64url').subarray(0, 4));
    expect(() => decryptEnvelope(key, { ...env, tag: short }, aad)).toThrow(/tag/);
  });

  it('rejects another message id or business as AAD', () => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(() => decryptEnvelope(key, env, messageAad('msg-2', 'biz-1'))).toThrow();
    expect(() => decryptEnvelope(key, env, messageAad('msg-1', 'biz-2'))).toThrow();
  });

  it('rejects the wrong key', () => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(() => decryptEnvelope(randomBytes(32), env, aad)).toThrow();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptEnvelope(randomBytes(16), plaintext, aad, keyRef)).toThrow(/32-byte/);
  });

  it('rejects an unknown alg', () => {
    const env = encryptEnvelope(key, plaintext, aad, keyRef);
    expect(() => decryptEnvelope(key, { ...env, alg: 'A128GCM' } as unknown as SealedEnvelope, aad)).toThrow(/unsupported/);
  });

  it('decrypts the GCM spec test case 16 (AES-256, 96-bit IV, with AAD)', () => {
    const hex = (s: string): string => toBase64url(Buffer.from(s, 'hex'));
    const env: SealedEnvelope = {
      alg: 'A256GCM',
      key_id: 'kat',
      key_version: 1,
      iv: hex('cafebabefacedbaddecaf888'),
      ct: hex('522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662'),
      tag: hex('76fc6ece0f4e1768cddf8853bb2d551b'),
    };
    const k = Buffer.from('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308', 'hex');
    const a = Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex');
    expect(decryptEnvelope(k, env, a).toString('hex')).toBe(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
  });
});

describe('messageAad', () => {
  it('is unambiguous where plain concatenation would collide', () => {
    expect(messageAad('ab', 'c').equals(messageAad('a', 'bc'))).toBe(false);
    expect(messageAad('a","b', 'c').equals(messageAad('a', 'b","c'))).toBe(false);
  });

  it('is deterministic', () => {
    expect(messageAad('m', 'b')).toEqual(messageAad('m', 'b'));
  });
});
