import { createHash } from 'node:crypto';

const DOMAIN = 'sealpost/v1/erased-number\0';

/**
 * The id of an erased number's tombstone, from the lookup pseudonym its recipient key was filed
 * under. A derivation of its own: audit events written before recipients had pseudonyms of their
 * own hold that lookup pseudonym, and the tombstone must not equal it.
 */
export function tombstoneId(lookup: string): string {
  return createHash('sha256').update(DOMAIN + lookup, 'utf8').digest('hex');
}
