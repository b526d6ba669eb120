import { randomBytes } from 'node:crypto';
import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 as PureJsX25519 } from '@hpke/dhkem-x25519';
import { inboundPublicKey, openInbound, sealInbound } from './hpke-inbound';

// a device written against RFC 9180 and the contract alone, with an independent X25519 implementation
const device = new CipherSuite({ kem: new PureJsX25519(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

describe('HPKE to a business (inbound)', () => {
  const ikm = randomBytes(32);
  const body = Buffer.from('{"type":"text","text":{"body":"h\u00e9llo"}}');

  it('opens what a device sealed to the public key with info sealpost/v1/inbound and the client_message_id as aad', async () => {
    const publicKey = Buffer.from(await inboundPublicKey(ikm), 'base64url');
    expect(publicKey).toHaveLength(32);
    const { enc, ct } = await device.seal({ recipientPublicKey: await device.kem.deserializePublicKey(publicKey), info: Buffer.from('sealpost/v1/inbound') }, body, Buffer.from('c-1'));
    const sealed = { suite: 'HPKE-base-X25519-SHA256-AES256GCM' as const, enc: Buffer.from(enc).toString('base64url'), ct: Buffer.from(ct).toString('base64url') };
    expect(await openInbound(ikm, sealed, 'c-1')).toEqual(body);
  });

  it('derives the same key pair from the same material, another from other material', async () => {
    expect(await inboundPublicKey(Buffer.from(ikm))).toBe(await inboundPublicKey(ikm));
    expect(await inboundPublicKey(randomBytes(32))).not.toBe(await inboundPublicKey(ikm));
  });

  it('refuses another client_message_id, another business key and a tampered body', async () => {
    const sealed = await sealInbound(await inboundPublicKey(ikm), 'c-2', body);
    await expect(openInbound(ikm, sealed, 'c-3')).rejects.toThrow();
    await expect(openInbound(randomBytes(32), sealed, 'c-2')).rejects.toThrow();
    const flipped = Buffer.from(sealed.ct, 'base64url');
    flipped[0] ^= 1;
    await expect(openInbound(ikm, { ...sealed, ct: flipped.toString('base64url') }, 'c-2')).rejects.toThrow();
    await expect(openInbound(ikm, { ...sealed, suite: 'other' as never }, 'c-2')).rejects.toThrow('suite');
  });
});
