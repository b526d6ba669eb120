import { decryptEnvelope, encryptEnvelope, SealedEnvelope, SealedForDevice } from '@sealpost/crypto';

/** What delivery keeps of an inbound message until the business has it, all of it sealed. */
export interface InboundSecrets {
  /** the customer's number, E.164 digits: the webhook's `from` and `wa_id` */
  from: string;
  client_message_id: string;
  /** the HPKE body as the device sealed it to the business's key (content readable only with that key) */
  sealed: SealedForDevice;
  /** the message it replies to */
  context_id?: string;
}

/**
 * Sealed at rest under the customer's recipient key, bound to the message and business: erasure
 * destroys that key and retention the business key the body is sealed to, so either makes a copy
 * left anywhere (a backup) unreadable.
 */
const aad = (messageId: string, businessId: string): Buffer => Buffer.from(JSON.stringify(['sealpost/v1/inbound-message', messageId, businessId]), 'utf8');

export function sealInboundSecrets(recipientKey: { key_id: string; version: number; key: Buffer }, messageId: string, businessId: string, secrets: InboundSecrets): SealedEnvelope {
  return encryptEnvelope(recipientKey.key, Buffer.from(JSON.stringify(secrets), 'utf8'), aad(messageId, businessId), { keyId: recipientKey.key_id, keyVersion: recipientKey.version });
}

export function openInboundSecrets(recipientKey: Buffer, messageId: string, businessId: string, stored: SealedEnvelope): InboundSecrets {
  return JSON.parse(decryptEnvelope(recipientKey, stored, aad(messageId, businessId)).toString('utf8')) as InboundSecrets;
}
