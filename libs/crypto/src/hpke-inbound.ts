import { fromBase64url, toBase64url } from './base64url';
import { HPKE_SUITE_NAME, rawKey, SealedForDevice } from './hpke-seal';
import { hpkeSuite } from './hpke-suite';

/**
 * Customers writing back (CONTRACT §11): a device seals to its business's key pair with this
 * info and its client_message_id as AAD, so a sealed body cannot be replayed under another id.
 * The keys service stores 32 random bytes per business and epoch; the key pair is RFC 9180
 * DeriveKeyPair of them, so the service that opens (delivery) derives the same private key.
 */
const INFO = Buffer.from('sealpost/v1/inbound', 'utf8');
const aadFor = (clientMessageId: string): Buffer => Buffer.from(clientMessageId, 'utf8');

function keyPairOf(ikm: Buffer): ReturnType<ReturnType<typeof hpkeSuite>['kem']['deriveKeyPair']> {
  if (ikm.length !== 32) throw new Error('inbound key material must be 32 bytes');
  return hpkeSuite().kem.deriveKeyPair(ikm);
}

/** The public half customers seal to, raw 32 bytes as unpadded base64url. */
export async function inboundPublicKey(ikm: Buffer): Promise<string> {
  const { publicKey } = await keyPairOf(ikm);
  return toBase64url(new Uint8Array(await hpkeSuite().kem.serializePublicKey(publicKey)));
}

/** Device side: what a customer's app does to write to a business. */
export async function sealInbound(publicKeyB64url: string, clientMessageId: string, plaintext: Buffer): Promise<SealedForDevice> {
  const suite = hpkeSuite();
  const recipientPublicKey = await suite.kem.deserializePublicKey(rawKey(publicKeyB64url, 'business public key'));
  const { enc, ct } = await suite.seal({ recipientPublicKey, info: INFO }, plaintext, aadFor(clientMessageId));
  return { suite: HPKE_SUITE_NAME, enc: toBase64url(new Uint8Array(enc)), ct: toBase64url(new Uint8Array(ct)) };
}

/** Throws for another business's key, another client_message_id, a malformed or tampered body. */
export async function openInbound(ikm: Buffer, sealed: SealedForDevice, clientMessageId: string): Promise<Buffer> {
  if (sealed.suite !== HPKE_SUITE_NAME) throw new Error('unsupported HPKE suite');
  const suite = hpkeSuite();
  const { privateKey } = await keyPairOf(ikm);
  const enc = rawKey(sealed.enc, 'enc');
  const pt = await suite.open({ recipientKey: privateKey, enc, info: INFO }, fromBase64url(sealed.ct, 'ct'), aadFor(clientMessageId));
  return Buffer.from(pt);
}
