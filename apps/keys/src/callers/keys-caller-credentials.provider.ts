import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { KeysCaller, KEYS_CALLERS, keysCredentialVariable, resolveKeysCredential } from '@sealpost/platform';
import { KeysEnv } from '../config/keys.env';

export const KEYS_CALLER_CREDENTIALS = Symbol('KEYS_CALLER_CREDENTIALS');

export const keysCallerCredentialsProvider: Provider = {
  provide: KEYS_CALLER_CREDENTIALS,
  inject: [ConfigService],
  useFactory: (config: ConfigService<KeysEnv, true>): Record<KeysCaller, string> => {
    const dataDir = config.get('SEALPOST_DATA_DIR', { infer: true });
    const entries = KEYS_CALLERS.map((caller) => [caller, resolveKeysCredential(caller, config.get(keysCredentialVariable(caller) as keyof KeysEnv) as string | undefined, dataDir)]);
    return Object.fromEntries(entries) as Record<KeysCaller, string>;
  },
};
