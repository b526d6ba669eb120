import { join, resolve } from 'node:path';
import { readOrCreateSecretFile } from '../secrets/secret-file';
import { newSecretToken } from '../secrets/secret-token';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

export function adminTokenFile(dataDir: string): string {
  return resolve(join(dataDir, 'admin-token'));
}

/** SEALPOST_ADMIN_TOKEN when set; otherwise the token generated once into <data dir>/admin-token. */
export function resolveAdminToken(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  return readOrCreateSecretFile(adminTokenFile(dataDir), () => Buffer.from(newSecretToken('spadmin_')), {
    createDir: true,
    variable: 'SEALPOST_DATA_DIR',
  })
    .toString('utf8')
    .trim();
}
