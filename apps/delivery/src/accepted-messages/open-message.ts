import { EncryptedEnvelope, isMessageContent, MessagePlaintext } from '@sealpost/contracts';
import { decryptEnvelope, messageAad } from '@sealpost/crypto';

export type OpenedMessage = { ok: true; message: MessagePlaintext } | { ok: false; reason: 'tampered' | 'malformed' };

/**
 * Decrypts a message envelope in memory. Any failure to authenticate (altered ciphertext, tag
 * or IV, another message's or business's envelope, the wrong key) is "tampered"; an authentic
 * plaintext of the wrong shape is "malformed". Neither result carries any of the content.
 */
export function openMessage(key: Buffer, sealed: EncryptedEnvelope, messageId: string, businessId: string): OpenedMessage {
  let plaintext: Buffer;
  try {
    plaintext = decryptEnvelope(key, sealed, messageAad(messageId, businessId));
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  try {
    const message = JSON.parse(plaintext.toString('utf8')) as MessagePlaintext;
    const wellFormed =
      typeof message.to === 'string' &&
      /^[1-9]\d{1,14}$/.test(message.to) &&
      isMessageContent(message.content) &&
      (message.biz_opaque_callback_data === undefined || typeof message.biz_opaque_callback_data === 'string');
    return wellFormed ? { ok: true, message } : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    plaintext.fill(0);
  }
}
