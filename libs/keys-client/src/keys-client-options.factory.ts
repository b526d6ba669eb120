import { ConfigService } from '@nestjs/config';
import { KeysCaller, keysCredentialVariable, resolveKeysCredential } from '@sealpost/platform';
import { KeysClientOptions } from './keys-client-options';

/** Options for a calling service from its validated config. */
export function keysClientOptionsFor(caller: KeysCaller) {
  return {
    inject: [ConfigService],
    useFactory: (config: ConfigService): KeysClientOptions => ({
      url: String(config.get('KEYS_URL')).replace(/\/$/, ''),
      caller,
      credential: resolveKeysCredential(caller, config.get(keysCredentialVariable(caller)), config.get('SEALPOST_DATA_DIR') as string),
      cacheTtlMs: 60000,
      cacheMaxEntries: 10000,
    }),
  };
}
