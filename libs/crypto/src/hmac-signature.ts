import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

function assertSecret(secret: string | Buffer): void {
  // An empty secret would make every signature forgeable; treat it as misconfiguration.
  if (secret.length === 0) throw new Error('HMAC secret must not be empty');
}

function mac(secret: string | Buffer, raw: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(raw).digest();
}

/**
 * `sha256=<hex>` over the exact bytes sent, as in X-Hub-Signature-256 and our Kafka header
 * x-sealpost-signature. Sign the raw body, not a re-serialised object: JSON key order or
 * whitespace changes would otherwise break verification.
 */
export function signSha256(secret: string | Buffer, raw: Buffer | string): string {
  assertSecret(secret);
  return PREFIX + mac(secret, raw).toString('hex');
}

/** False for a missing, malformed or wrong signature; the comparison does not leak how much matched. */
export function verifySha256(secret: string | Buffer, raw: Buffer | string, header: string | undefined): boolean {
  assertSecret(secret);
  const match = typeof header === 'string' ? HEADER.exec(header) : null;
  if (!match) return false;
  const given = Buffer.from(match[1] as string, 'hex');
  const expected = mac(secret, raw);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
