import { decryptEnvelope, encryptEnvelope, SealedEnvelope } from '@sealpost/crypto';

/**
 * A device's number, kept only sealed under its person's recipient key (AES-256-GCM, bound to
 * the device): the `from` of that person's inbound messages. Erasure destroys the key, so the
 * number is unreadable in any copy, backups included, and the device row goes too.
 */
const aad = (deviceId: string): Buffer => Buffer.from(JSON.stringify(['sealpost/v1/device-phone', deviceId]), 'utf8');

export function sealDevicePhone(recipientKey: { key_id: string; version: number; key: Buffer }, deviceId: string, digits: string): SealedEnvelope {
  return encryptEnvelope(recipientKey.key, Buffer.from(digits, 'utf8'), aad(deviceId), { keyId: recipientKey.key_id, keyVersion: recipientKey.version });
}

export function openDevicePhone(recipientKey: Buffer, deviceId: string, sealed: SealedEnvelope): string {
  return decryptEnvelope(recipientKey, sealed, aad(deviceId)).toString('utf8');
}
