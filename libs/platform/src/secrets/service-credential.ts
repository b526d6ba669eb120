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
  return configured || generatedCredential(dataDir, `keys-${caller}.token`);
}

/** The variable holding ingestion's credential for delivery's internal media API. */
export const DELIVERY_INGESTION_TOKEN = 'SEALPOST_DELIVERY_INGESTION_TOKEN';

/**
 * Ingestion's credential for delivery's internal API (inbound media, which ingestion hands its
 * businesses): SEALPOST_DELIVERY_INGESTION_TOKEN when set, otherwise generated once into
 * <data dir>/credentials/delivery-ingestion.token (mode 0600), where both find it on a single host.
 */
export function resolveDeliveryCredential(configured: string | undefined, dataDir: string): string {
  return configured || generatedCredential(dataDir, 'delivery-ingestion.token');
}

/** A credential generated once into <data dir>/credentials/<name> (mode 0600), read back ever after. */
function generatedCredential(dataDir: string, name: string): string {
  const file = resolve(join(dataDir, 'credentials', name));
  return readOrCreateSecretFile(file, () => Buffer.from(randomBytes(32).toString('base64url')), { createDir: true, variable: 'SEALPOST_DATA_DIR' })
    .toString('utf8')
    .trim();
}
