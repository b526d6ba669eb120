import { hkdfSync } from 'node:crypto';

/**
 * HKDF-SHA256 (RFC 5869). Give every purpose its own `info` label so keys derived from the same
 * secret for different jobs are independent.
 */
export function deriveKey(ikm: Buffer, salt: Buffer, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));
}

/**
 * The key a message is encrypted under: both the business's epoch key and the recipient's
 * key are needed, so destroying either (retention or erasure) makes the ciphertext unreadable.
 */
export function messageKey(epochKey: Buffer, recipientKey: Buffer): Buffer {
  return deriveKey(Buffer.concat([epochKey, recipientKey]), Buffer.from('sealpost/v1'), 'message-key');
}
