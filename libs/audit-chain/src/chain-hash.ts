import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: unknown): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}

/**
 * SHA-256 of the event's canonical JSON, hex: kept when the event expires, so its record still
 * proves what it held (the Merkle leaf is defined over it, see recordLeaf).
 */
export function contentHash(event: unknown): string {
  return createHash('sha256').update(canonicalJson(event), 'utf8').digest('hex');
}
