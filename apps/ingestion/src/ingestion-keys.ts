import { KeysClientModule, keysClientOptionsFor } from '@sealpost/keys-client';

/** Ingestion's one keys client: every module importing this same object shares its instance and cache. */
export const INGESTION_KEYS = KeysClientModule.forRootAsync(keysClientOptionsFor('ingestion'));
