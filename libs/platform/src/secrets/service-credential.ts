import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readOrCreateSecretFile } from './secret-file';

/** The services that call the keys service's internal API, each with a credential of its own. */
export const KEYS_CALLERS = ['ingestion', 'delivery', 'retention'] as const;
export type KeysCaller = (typeof KEYS_CALLERS)[number];

export function keysCredentialVariable(caller: KeysCaller): string {
  return `SEALPOST_KEYS_${caller.toUpperCase()}_TOKEN`;
}

/**
 * A caller's credential for the keys service: its SEALPOST_KEYS_<CALLER>_TOKEN when set,
 * otherwise generated once into <data dir>/credentials/keys-<caller>.token (mode 0600),
 * where the keys service and that caller both find it on a single host.
 */
export function resolveKeysCredential(caller: KeysCaller, configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = resolve(join(dataDir, 'credentials', `keys-${caller}.token`));
  return readOrCreateSecretFile(file, () => Buffer.from(randomBytes(32).toString('base64url')), { createDir: true, variable: 'SEALPOST_DATA_DIR' })
    .toString('utf8')
    .trim();
}
