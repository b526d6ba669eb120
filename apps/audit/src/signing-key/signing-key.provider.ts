import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join, resolve } from 'node:path';
import { generateSigningKeyPair, publicKeyRawB64url } from '@sealpost/crypto';
import { readOrCreateSecretFile } from '@sealpost/platform';
import { AuditEnv } from '../config/audit.env';

export const SIGNING_KEY = Symbol('SIGNING_KEY');

export interface SigningKey {
  privateKeyPem: string;
  publicKey: string;
}

/** The Ed25519 key that signs checkpoints: created at first start into a 0600 file. */
export const signingKeyProvider: Provider = {
  provide: SIGNING_KEY,
  inject: [ConfigService],
  useFactory: (config: ConfigService<AuditEnv, true>): SigningKey => {
    const configured = config.get('SEALPOST_AUDIT_SIGNING_KEY_FILE', { infer: true });
    const path = resolve(configured ?? join(config.get('SEALPOST_DATA_DIR', { infer: true }), 'audit-signing.key'));
    const pem = readOrCreateSecretFile(path, () => Buffer.from(generateSigningKeyPair().privateKeyPem), {
      createDir: configured === undefined,
      variable: configured === undefined ? 'SEALPOST_DATA_DIR' : 'SEALPOST_AUDIT_SIGNING_KEY_FILE',
    }).toString('utf8');
    try {
      return { privateKeyPem: pem, publicKey: publicKeyRawB64url(pem) };
    } catch {
      throw new Error(`SEALPOST_AUDIT_SIGNING_KEY_FILE: ${path} does not hold an Ed25519 private key (PEM)`);
    }
  },
};
