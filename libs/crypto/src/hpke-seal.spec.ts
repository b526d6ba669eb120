import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256 as NativeX25519, HkdfSha256 } from '@hpke/core';
import { HPKE_SUITE_NAME, SealedForDevice, generateDeviceKeyPair, isValidX25519PublicKey, openSealed, sealForDevice } from './hpke-seal';
import { hpkeSuite } from './hpke-suite';

const INFO = Buffer.from('sealpost/v1/message');

// Stands in for a device written against RFC 9180 and the documented contract, using the
// WebCrypto-backed KEM from @hpke/core rather than the one this library uses.
const device = new CipherSuite({ kem: new NativeX25519(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

describe('HPKE seal for device', () => {
  const plaintext = Buffer.from('secret message body \u00e9');

  it('uses DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM', () => {
    const suite = hpkeSuite();
    expect([suite.kem.id, suite.kdf.id, suite.aead.id]).toEqual([0x0020, 0x0001, 0x0002]);
    expect(hpkeSuite()).toBe(suite);
  });

  it('opens with the device key and yields the exact plaintext', async () => {
    const { publicKey, privateKey } = await generateDeviceKeyPair();
    const sealed = await sealForDevice(publicKey, 'msg-1', plaintext);
    expect(sealed.suite).toBe(HPKE_SUITE_NAME);
    expect(Buffer.from(sealed.enc, 'base64url')).toHaveLength(32);
    expect(Buffer.from(sealed.ct, 'base64url')).toHaveLength(plaintext.length + 16);
    expect(await openSealed(privateKey, sealed, 'msg-1')).toEqual(plaintext);
  });

  it('fails with another device key or another message id', async () => {
    const alice = await generateDeviceKeyPair();
    const bob = await generateDeviceKeyPair();
    const sealed = await sealForDevice(alice.publicKey, 'msg-1', plaintext);
    await expect(openSealed(bob.privateKey, sealed, 'msg-1')).rejects.toThrow();
    await expect(openSealed(alice.privateKey, sealed, 'msg-2')).rejects.toThrow();
  });

  it('fails when ct or enc is altered', async () => {
    const { publicKey, privateKey } = await generateDeviceKeyPair();
    const sealed = await sealForDevice(publicKey, 'msg-1', plaintext);
    for (const field of ['ct', 'enc'] as const) {
      const bytes = Buffer.from(sealed[field], 'base64url');
      bytes[0] = (bytes[0] as number) ^ 0x01;
      await expect(openSealed(privateKey, { ...sealed, [field]: bytes.toString('base64url') }, 'msg-1')).rejects.toThrow();
    }
    const wrongSuite = { ...sealed, suite: 'other' } as unknown as SealedForDevice;
    await expect(openSealed(privateKey, wrongSuite, 'msg-1')).rejects.toThrow(/suite/);
  });

  it('is readable by an independent RFC 9180 implementation using the documented info and aad', async () => {
    const kp = await device.kem.generateKeyPair();
    const publicKey = Buffer.from(await device.kem.serializePublicKey(kp.publicKey)).toString('base64url');
    const sealed = await sealForDevice(publicKey, 'msg-42', plaintext);
    const pt = await device.open(
      { recipientKey: kp.privateKey, enc: Buffer.from(sealed.enc, 'base64url'), info: INFO },
      Buffer.from(sealed.ct, 'base64url'),
      Buffer.from('msg-42'),
    );
    expect(Buffer.from(pt)).toEqual(plaintext);
  });

  it('opens what an independent implementation sealed under the contract', async () => {
    const { publicKey, privateKey } = await generateDeviceKeyPair();
    const recipientPublicKey = await device.kem.deserializePublicKey(Buffer.from(publicKey, 'base64url'));
    const { enc, ct } = await device.seal({ recipientPublicKey, info: INFO }, plaintext, Buffer.from('msg-7'));
    const sealed: SealedForDevice = {
      suite: HPKE_SUITE_NAME,
      enc: Buffer.from(enc).toString('base64url'),
      ct: Buffer.from(ct).toString('base64url'),
    };
    expect(await openSealed(privateKey, sealed, 'msg-7')).toEqual(plaintext);
  });

  it('validates public keys by shape and rejects bad ones when sealing', async () => {
    const { publicKey } = await generateDeviceKeyPair();
    expect(isValidX25519PublicKey(publicKey)).toBe(true);
    expect(isValidX25519PublicKey(Buffer.alloc(31, 1).toString('base64url'))).toBe(false);
    expect(isValidX25519PublicKey(Buffer.alloc(33, 1).toString('base64url'))).toBe(false);
    expect(isValidX25519PublicKey(`${publicKey}=`)).toBe(false);
    expect(isValidX25519PublicKey('not a key')).toBe(false);
    await expect(sealForDevice('AAAA', 'msg-1', plaintext)).rejects.toThrow(/32 bytes/);
    // Low-order point: passes the shape check but must not produce a sealed message.
    await expect(sealForDevice(Buffer.alloc(32).toString('base64url'), 'msg-1', plaintext)).rejects.toThrow();
  });
});
