import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { fromBase64url, toBase64url } from './base64url';

const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

/** Private key as PKCS#8 PEM (what a secret file holds); public key as raw 32 bytes, base64url (what we publish). */
export interface SigningKeyPair {
  privateKeyPem: string;
  publicKey: string;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKey(publicKey) };
}

function rawPublicKey(key: KeyObject): string {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('Ed25519 public key has no x coordinate');
  return x;
}

// node:crypto.sign(null, …) signs with whatever key it is given; an RSA or EC key would yield a
// valid-looking signature that no Ed25519 verifier accepts, so the key type is checked.
function ed25519PrivateKey(privateKeyPem: string): KeyObject {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 private key, got ${String(key.asymmetricKeyType)}`);
  return key;
}

export function publicKeyRawB64url(privateKeyPem: string): string {
  return rawPublicKey(createPublicKey(ed25519PrivateKey(privateKeyPem)));
}

/** The raw public key (base64url) of a PEM Ed25519 key, private (its public half) or public. */
export function publicKeyFromPem(pem: string): string {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${String(key.asymmetricKeyType)}`);
  return rawPublicKey(key);
}

/** Returns the 64-byte signature as base64url. */
export function signEd25519(privateKeyPem: string, data: Buffer): string {
  return toBase64url(sign(null, data, ed25519PrivateKey(privateKeyPem)));
}

/**
 * `publicKey` is the raw 32-byte key in base64url, as returned by generateSigningKeyPair. A bad
 * public key throws (it is configuration); a bad signature, which comes from outside, returns false.
 */
export function verifyEd25519(publicKey: string, data: Buffer, signature: string): boolean {
  const raw = fromBase64url(publicKey, 'Ed25519 public key');
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) throw new Error(`Ed25519 public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes`);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  let sig: Buffer;
  try {
    sig = fromBase64url(signature, 'signature');
  } catch {
    return false;
  }
  if (sig.length !== ED25519_SIGNATURE_BYTES) return false;
  return verify(null, data, key, sig);
}
