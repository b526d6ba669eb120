import { gcmOpen, gcmSeal } from './aes-gcm';
import { fromBase64url, toBase64url } from './base64url';

/**
 * Encrypts a data key under a key-encryption key as `iv.ct.tag` (base64url). The AAD should name
 * what the data key is for (e.g. business id and key version) so a wrapped key cannot be moved
 * to another slot in the key hierarchy.
 */
export function wrapKey(kek: Buffer, dataKey: Buffer, aad: Buffer): string {
  const { iv, ct, tag } = gcmSeal(kek, dataKey, aad);
  return [iv, ct, tag].map(toBase64url).join('.');
}

/** Throws if the wrapped key is malformed, altered, or was wrapped under another KEK or AAD. */
export function unwrapKey(kek: Buffer, wrapped: string, aad: Buffer): Buffer {
  const parts = wrapped.split('.');
  if (parts.length !== 3) throw new Error('wrapped key must have the form iv.ct.tag');
  const [iv, ct, tag] = parts as [string, string, string];
  return gcmOpen(kek, { iv: fromBase64url(iv, 'iv'), ct: fromBase64url(ct, 'ct'), tag: fromBase64url(tag, 'tag') }, aad);
}
