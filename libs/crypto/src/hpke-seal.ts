import { fromBase64url, toBase64url } from './base64url';
import { HPKE_SUITE_NAME, X25519_KEY_BYTES, hpkeSuite } from './hpke-suite';

export { HPKE_SUITE_NAME } from './hpke-suite';

/**
 * The contract a device implements to read its copy: RFC 9180 base mode, this suite, this info,
 * and the message id as AAD. The AAD stops a server from replaying one message's sealed body
 * under another message id.
 */
const INFO = Buffer.from('sealpost/v1/message', 'utf8');
const aadFor = (messageId: string): Buffer => Buffer.from(messageId, 'utf8');

/** A message body sealed to one device; `enc` and `ct` are unpadded base64url. */
export interface SealedForDevice {
  suite: typeof HPKE_SUITE_NAME;
  enc: string;
  ct: string;
}

/** Raw X25519 keys as unpadded base64url. The private key is only for test devices. */
export interface DeviceKeyPair {
  publicKey: string;
  privateKey: string;
}

export function rawKey(b64url: string, what: string): Buffer {
  const bytes = fromBase64url(b64url, what);
  if (bytes.length !== X25519_KEY_BYTES) throw new Error(`${what} must be ${X25519_KEY_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}

/**
 * Shape check only (canonical base64url, 32 bytes). Low-order points pass here and are rejected
 * by sealForDevice, whose DH step refuses an all-zero shared secret.
 */
export function isValidX25519PublicKey(b64url: string): boolean {
  try {
    rawKey(b64url, 'public key');
    return true;
  } catch {
    return false;
  }
}

export async function sealForDevice(publicKeyB64url: string, messageId: string, plaintext: Buffer): Promise<SealedForDevice> {
  const suite = hpkeSuite();
  const recipientPublicKey = await suite.kem.deserializePublicKey(rawKey(publicKeyB64url, 'device public key'));
  const { enc, ct } = await suite.seal({ recipientPublicKey, info: INFO }, plaintext, aadFor(messageId));
  return { suite: HPKE_SUITE_NAME, enc: toBase64url(new Uint8Array(enc)), ct: toBase64url(new Uint8Array(ct)) };
}

/** Device side of sealForDevice; throws for another device's key, another message id, or tampering. */
export async function openSealed(privateKeyB64url: string, sealed: SealedForDevice, messageId: string): Promise<Buffer> {
  if (sealed.suite !== HPKE_SUITE_NAME) throw new Error(`unsupported HPKE suite ${String(sealed.suite)}`);
  const suite = hpkeSuite();
  const recipientKey = await suite.kem.deserializePrivateKey(rawKey(privateKeyB64url, 'device private key'));
  const enc = rawKey(sealed.enc, 'enc');
  const pt = await suite.open({ recipientKey, enc, info: INFO }, fromBase64url(sealed.ct, 'ct'), aadFor(messageId));
  return Buffer.from(pt);
}

/** Stands in for a real device in tests and tools; production private keys never reach the server. */
export async function generateDeviceKeyPair(): Promise<DeviceKeyPair> {
  const suite = hpkeSuite();
  const pair = await suite.kem.generateKeyPair();
  const publicKey = new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey));
  const privateKey = new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey));
  return { publicKey: toBase64url(publicKey), privateKey: toBase64url(privateKey) };
}
