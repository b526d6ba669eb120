import { createHmac } from 'node:crypto';

// Keeps these MACs from ever equalling an HMAC computed under the same key for another purpose.
const DOMAIN = 'sealpost/v1/phone-pseudonym\0';
const MIN_KEY_BYTES = 32;
// E.164: up to 15 digits, no leading zero; the '+' is dropped by the caller.
const E164_DIGITS = /^[1-9][0-9]{1,14}$/;

/**
 * Keyed pseudonym (hex HMAC-SHA256) of a phone number: stable per key so records can be joined,
 * but not reversible by enumerating the small phone-number space without the key. Input must be
 * already normalised: accepting "+33…" or spaces here would give one number several pseudonyms.
 */
export function pseudonymize(key: Buffer, phoneE164Digits: string): string {
  if (key.length < MIN_KEY_BYTES) throw new Error(`pseudonym key must be at least ${MIN_KEY_BYTES} bytes`);
  if (!E164_DIGITS.test(phoneE164Digits)) throw new Error('phone number must be E.164 digits without "+"');
  return createHmac('sha256', key).update(DOMAIN + phoneE164Digits, 'utf8').digest('hex');
}
