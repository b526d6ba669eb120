import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { unwrapKey, wrapKey } from '@sealpost/crypto';
import { KeyEncryptionKeysService } from '../key-encryption-keys/key-encryption-keys.service';
import { DataKey } from './data-key.schema';

/** Binds wrapped material to the key's identity, so a wrapped blob cannot be moved to another key. */
const aad = (key: Pick<DataKey, 'key_id' | 'business_id'>) => Buffer.from(`sealpost/dk/${key.key_id}/${key.business_id}`);

/** Wraps and unwraps data-key material under the KEK hierarchy. */
@Injectable()
export class DataKeyMaterial {
  constructor(private readonly keks: KeyEncryptionKeysService) {}

  async generate(identity: Pick<DataKey, 'key_id' | 'business_id'>): Promise<{ key: Buffer; wrapped: string; version: number }> {
    const key = randomBytes(32);
    const kek = await this.keks.active();
    return { key, wrapped: wrapKey(kek.key, key, aad(identity)), version: kek.version };
  }

  async open(key: Pick<DataKey, 'key_id' | 'business_id' | 'wrapped' | 'version'>): Promise<Buffer> {
    if (key.wrapped === null) throw new Error(`data key ${key.key_id} is destroyed`);
    return unwrapKey(await this.keks.byVersion(key.version), key.wrapped, aad(key));
  }

  async rewrap(key: Pick<DataKey, 'key_id' | 'business_id' | 'wrapped' | 'version'>, kek: { version: number; key: Buffer }): Promise<string> {
    return wrapKey(kek.key, await this.open(key), aad(key));
  }
}
