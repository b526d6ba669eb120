import type { Message } from 'kafkajs';
import { signSha256 } from '@sealpost/crypto';
import { textMessage } from '@sealpost/testing';

/** What signing a submit record needs of the onboarded business. */
export interface SigningBusiness {
  phone_number_id: string;
  app_secret: string;
}

/**
 * The text body, the idempotency key and the device's opened body all carry the tag, so the
 * bench can tie an arrival back to its submit without the message id ingestion assigns.
 */
export function benchTag(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}

/** The index of a tag of this prefix; undefined for another phase's tag. */
export function indexOfTag(prefix: string, tag: string): number | undefined {
  if (!tag.startsWith(`${prefix}-`)) return undefined;
  const index = Number(tag.slice(prefix.length + 1));
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** A record as a business system produces it to the submit topic (CONTRACT §4), as SubmitProducer.submit builds it. */
export function signedSubmitRecord(business: SigningBusiness, to: string, tag: string): Message {
  const record = { ...textMessage(to, tag), phone_number_id: business.phone_number_id, client_message_id: tag };
  const value = Buffer.from(JSON.stringify(record));
  return { key: to, value, headers: { 'x-sealpost-signature': signSha256(business.app_secret, value) } };
}

/** Value and header bytes: what the ceiling's records must match in size. */
export function recordBytes(message: Message): number {
  const headers = Object.entries(message.headers ?? {}).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
  return Buffer.byteLength(message.value ?? '') + Buffer.byteLength(String(message.key ?? '')) + headers;
}
