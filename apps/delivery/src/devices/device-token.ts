import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: shown once at registration, then only its hash is kept. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
