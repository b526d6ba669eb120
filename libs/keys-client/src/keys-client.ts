import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { PSEUDONYM_KEY_OWNER } from '@sealpost/contracts';
import { ApiError, BoundedCache } from '@sealpost/platform';
import { DataKey, DataKeyKind, KEYS_CLIENT_OPTIONS, KeysClientOptions } from './keys-client-options';

interface DataKeyWire extends Omit<DataKey, 'key'> {
  key: string;
}

/** Thrown when the keys service says a key's material is gone for good. */
export class DataKeyDestroyedError extends Error {}

/** Thrown when the keys service has never issued the key asked for: retrying cannot help. */
export class DataKeyNotFoundError extends Error {}

/**
 * Calls the keys service's internal API with this service's own credential and keeps
 * fetched keys in a bounded cache that `key.destroyed` events empty.
 */
@Injectable()
export class KeysClient {
  private readonly byId: BoundedCache<DataKey>;
  /** current key per (kind, business): the key to encrypt with, until its epoch ends */
  private readonly current: BoundedCache<DataKey>;

  constructor(@Inject(KEYS_CLIENT_OPTIONS) private readonly options: KeysClientOptions) {
    this.byId = new BoundedCache(options.cacheTtlMs, options.cacheMaxEntries);
    this.current = new BoundedCache(options.cacheTtlMs, options.cacheMaxEntries);
  }

  /** The key to encrypt with now (message keys rotate with each epoch). */
  async currentKey(kind: DataKeyKind, businessId: string): Promise<DataKey> {
    const slot = `${kind}/${businessId}`;
    const cached = this.current.get(slot);
    if (cached && (cached.epoch_end === null || Date.parse(cached.epoch_end) > Date.now())) return cached;
    const key = this.remember(await this.call<DataKeyWire>('/internal/data-keys', { business_id: businessId, kind }));
    this.current.set(slot, key);
    return key;
  }

  async byKeyId(keyId: string): Promise<DataKey> {
    return this.byId.get(keyId) ?? this.remember(await this.call<DataKeyWire>('/internal/data-keys/unwrap', { key_id: keyId }));
  }

  pseudonymKey(): Promise<DataKey> {
    return this.currentKey('pseudonym', PSEUDONYM_KEY_OWNER);
  }

  /**
   * The pseudonym of a number (E.164 digits), as the keys service files that person; not cached,
   * so no number stays in memory. `device` keeps it until erasure. DataKeyDestroyedError: erased.
   */
  async recipientPseudonym(digits: string, purpose: 'device' | 'erasure'): Promise<string> {
    return (await this.call<{ pseudonym: string }>('/internal/recipients/pseudonym', { phone: digits, purpose })).pseudonym;
  }

  /**
   * A device's person: their pseudonym and the id of their recipient key (erasure destroys it),
   * which delivery seals the device's number under. DataKeyDestroyedError: erased.
   */
  deviceRecipient(digits: string): Promise<{ pseudonym: string; key_id: string }> {
    return this.call<{ pseudonym: string; key_id: string }>('/internal/recipients/pseudonym', { phone: digits, purpose: 'device' });
  }

  /** Called on `key.destroyed`: the material must not outlive its destruction here either. */
  forget(keyIds: readonly string[]): void {
    const gone = new Set(keyIds);
    this.byId.deleteWhere((id) => gone.has(id));
    this.current.deleteWhere((_, key) => gone.has(key.key_id));
  }

  private remember(wire: DataKeyWire): DataKey {
    const key = { ...wire, key: Buffer.from(wire.key, 'base64url') };
    this.byId.set(key.key_id, key);
    return key;
  }

  private async call<T>(path: string, body: object): Promise<T> {
    const res = await fetch(`${this.options.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.credential}`, 'x-sealpost-caller': this.options.caller },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (res.status === HttpStatus.GONE) throw new DataKeyDestroyedError(`data key destroyed (${path})`);
    if (res.status === HttpStatus.NOT_FOUND) throw new DataKeyNotFoundError(`unknown data key (${path})`);
    if (!res.ok) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 2, 'Key service unavailable; retry later', `keys service answered ${res.status} on ${path}`);
    return (await res.json()) as T;
  }
}
