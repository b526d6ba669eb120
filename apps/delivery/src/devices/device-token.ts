import { createHash } from 'node:crypto';
import { newSecretToken } from '@sealpost/platform';

/** Shown once at registration, then only its hash is kept. */
export function newDeviceToken(): string {
  return newSecretToken('spdev_');
}

export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
