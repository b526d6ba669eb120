import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AES_256_KEY_BYTES = 32;
// 96-bit IVs are the size GCM is designed around; random ones are safe for well under 2^32 messages per key.
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export interface GcmParts {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

function assertKey(key: Buffer): void {
  if (key.length !== AES_256_KEY_BYTES) throw new Error(`AES-256-GCM needs a ${AES_256_KEY_BYTES}-byte key, got ${key.length}`);
}

export function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): GcmParts {
  assertKey(key);
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** Throws when the key, IV, AAD, ciphertext or tag do not match what was sealed. */
export function gcmOpen(key: Buffer, parts: GcmParts, aad: Buffer): Buffer {
  assertKey(key);
  if (parts.iv.length !== GCM_IV_BYTES) throw new Error('AES-GCM IV has the wrong length');
  // Without a pinned tag length Node accepts truncated tags, which makes forgeries far cheaper.
  if (parts.tag.length !== GCM_TAG_BYTES) throw new Error('AES-GCM tag has the wrong length');
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
}
