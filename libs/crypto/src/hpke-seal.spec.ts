import { Aes128Gcm, Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 as PureJsX25519 } from '@hpke/dhkem-x25519';
import { HPKE_SUITE_NAME, SealedForDevice, generateDeviceKeyPair, isValidX25519PublicKey, openSealed, sealForDevice } from './hpke-seal';
import { hpkeSuite } from './hpke-suite';

const INFO = Buffer.from('sealpost/v1/message');

// Stands in for a device written against RFC 9180 and the documented contract, using the
// pure-JS KEM from @hpke/dhkem-x25519 rather than the WebCrypto one this library uses.
const device = new CipherSuite({ kem: new PureJsX25519(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

// RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode. The RFC
// has no X25519 vectors with AES-256-GCM; everything but the AEAD's key length is shared.
const A1 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  aad: '436f756e742d30',
  ct: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
};
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');

describe('HPKE seal for device', () => {
  const plaintext = Buffer.from('secret message body \u00e9');

  it('uses DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM', () => {
    const suite = hpkeSuite();
    expect([suite.kem.id, suite.kdf.id, suite.aead.id]).toEqual([0x0020, 0x0001, 0x0002]);
    expect(hpkeSuite()).toBe(suite);
  });

  it("its KEM reproduces RFC 9180's A.1.1 vectors: keys, enc, first ciphertext, and opens it", async () => {
    const kem = hpkeSuite().kem;
    const vectorSuite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipient = await kem.deriveKeyPair(hex(A1.ikmR).buffer);
    expect(toHex(await kem.serializePublicKey(recipient.publicKey))).toBe(A1.pkRm);
    expect(toHex(await kem.serializePrivateKey(recipient.privateKey))).toBe(A1.skRm);
    const sender = await vectorSuite.createSenderContext({ recipientPublicKey: recipient.publicKey, info: hex(A1.info).buffer, ekm: hex(A1.ikmE).buffer });
    expect(toHex(sender.enc)).toBe(A1.pkEm);
    expect(toHex(await sender.seal(hex(A1.pt).buffer, hex(A1.aad).buffer))).toBe(A1.ct);
    const opened = await vectorSuite.open({ recipientKey: recipient, enc: hex(A1.pkEm).buffer, info: hex(A1.info).buffer }, hex(A1.ct).buffer, hex(A1.aad).buffer);
    expect(toHex(opened)).toBe(A1.pt);
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
