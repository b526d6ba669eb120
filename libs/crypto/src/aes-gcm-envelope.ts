import { gcmOpen, gcmSeal } from './aes-gcm';
import { fromBase64url, toBase64url } from './base64url';

/** At-rest form of an AES-256-GCM ciphertext; binary fields are unpadded base64url. */
export interface SealedEnvelope {
  alg: 'A256GCM';
  key_id: string;
  key_version: number;
  iv: string;
  ct: string;
  tag: string;
}

export interface KeyRef {
  keyId: string;
  keyVersion: number;
}

/**
 * key_id/key_version only tell the reader which key to fetch; they are not authenticated, and
 * need not be: naming the wrong key just makes decryption fail.
 */
export function encryptEnvelope(key: Buffer, plaintext: Buffer, aad: Buffer, keyRef: KeyRef): SealedEnvelope {
  const { iv, ct, tag } = gcmSeal(key, plaintext, aad);
  return {
    alg: 'A256GCM',
    key_id: keyRef.keyId,
    key_version: keyRef.keyVersion,
    iv: toBase64url(iv),
    ct: toBase64url(ct),
    tag: toBase64url(tag),
  };
}

/** Throws if the envelope was altered, the key is wrong, or the AAD differs from encryption time. */
export function decryptEnvelope(key: Buffer, envelope: SealedEnvelope, aad: Buffer): Buffer {
  if (envelope.alg !== 'A256GCM') throw new Error(`unsupported envelope algorithm ${String(envelope.alg)}`);
  return gcmOpen(
    key,
    { iv: fromBase64url(envelope.iv, 'iv'), ct: fromBase64url(envelope.ct, 'ct'), tag: fromBase64url(envelope.tag, 'tag') },
    aad,
  );
}

/**
 * Binds a stored message body to its message and tenant, so a ciphertext copied onto another
 * record (or another business) no longer decrypts. A JSON array is used because plain
 * concatenation would let ("ab","c") and ("a","bc") collide.
 */
export function messageAad(messageId: string, businessId: string): Buffer {
  return Buffer.from(JSON.stringify(['sealpost/v1/message-body', messageId, businessId]), 'utf8');
}

/** Binds a business's encrypted app secret to that business. */
export function appSecretAad(businessId: string): Buffer {
  return Buffer.from(JSON.stringify(['sealpost/v1/app-secret', businessId]), 'utf8');
}
