/** Key lifecycle events on sealpost.keys.events.v1: metadata only, never material. */
export const KEY_EVENT_TYPES = { created: 'key.created', rotated: 'key.rotated', destroyed: 'key.destroyed' } as const;

export interface KeyEventPayload {
  key_id?: string;
  key_ids?: string[];
  kind?: string;
  epoch_start?: string;
  epoch_end?: string | null;
  kek_version?: number;
}

/** The business id under which the suite-wide pseudonym key lives in the keys service. */
export const PSEUDONYM_KEY_OWNER = '_sealpost';
