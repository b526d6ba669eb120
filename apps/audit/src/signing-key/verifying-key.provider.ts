import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditEnv } from '../config/audit.env';
import { SIGNING_KEY, SigningKey } from './signing-key.provider';

/** The pinned Ed25519 public key (base64url) every checkpoint must verify under. */
export const VERIFYING_KEY = Symbol('VERIFYING_KEY');

/**
 * SEALPOST_AUDIT_PUBLIC_KEY when set, else the public half of this service's own signing key.
 * A pinned key that the signing key does not match would fail every checkpoint this service
 * signs, so it stops the start instead.
 */
export const verifyingKeyProvider: Provider = {
  provide: VERIFYING_KEY,
  inject: [ConfigService, SIGNING_KEY],
  useFactory: (config: ConfigService<AuditEnv, true>, signingKey: SigningKey): string => {
    const pinned = config.get('SEALPOST_AUDIT_PUBLIC_KEY', { infer: true });
    if (pinned !== undefined && pinned !== signingKey.publicKey) {
      throw new Error('SEALPOST_AUDIT_PUBLIC_KEY does not match the key in SEALPOST_AUDIT_SIGNING_KEY_FILE: set it to the signing key\'s public key, or unset it to use that key');
    }
    return pinned ?? signingKey.publicKey;
  },
};
