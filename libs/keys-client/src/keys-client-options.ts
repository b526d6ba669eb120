import type { KeysCaller } from '@sealpost/platform';

export interface KeysClientOptions {
  /** base URL of the keys service, e.g. http://127.0.0.1:3002 */
  url: string;
  caller: KeysCaller;
  credential: string;
  /** how long a fetched key may stay in memory */
  cacheTtlMs: number;
  cacheMaxEntries: number;
}

export const KEYS_CLIENT_OPTIONS = Symbol('KEYS_CLIENT_OPTIONS');

export type DataKeyKind = 'message' | 'business-secret' | 'pseudonym' | 'recipient' | 'business-inbound';

export interface DataKey {
  key_id: string;
  business_id: string;
  kind: DataKeyKind;
  version: number;
  key: Buffer;
  epoch_start: string;
  epoch_end: string | null;
  /** business-inbound keys: the X25519 public key (raw, base64url) */
  public_key?: string;
  /** recipient keys: the pseudonym every service files this person under */
  pseudonym?: string;
}
