import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: unknown): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}
