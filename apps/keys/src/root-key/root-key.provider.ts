import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readOrCreateSecretFile } from '@sealpost/platform';
import { KeysEnv } from '../config/keys.env';

export const ROOT_KEY = Symbol('ROOT_KEY');

/**
 * The root of the key hierarchy: 32 random bytes, base64, in a 0600 file. It wraps the
 * key-encryption keys and never leaves this process.
 */
export const rootKeyProvider: Provider = {
  provide: ROOT_KEY,
  inject: [ConfigService],
  useFactory: (config: ConfigService<KeysEnv, true>): Buffer => {
    const configured = config.get('SEALPOST_ROOT_KEY_FILE', { infer: true });
    const path = resolve(configured ?? join(config.get('SEALPOST_DATA_DIR', { infer: true }), 'root.key'));
    const content = readOrCreateSecretFile(path, () => Buffer.from(randomBytes(32).toString('base64')), {
      createDir: configured === undefined,
      variable: configured === undefined ? 'SEALPOST_DATA_DIR' : 'SEALPOST_ROOT_KEY_FILE',
    });
    const key = Buffer.from(content.toString('utf8').trim(), 'base64');
    if (key.length !== 32) {
      throw new Error(`SEALPOST_ROOT_KEY_FILE: ${path} does not hold a base64 32-byte key; restore the right file (a new key cannot open existing data)`);
    }
    return key;
  },
};
