import { randomBytes } from 'node:crypto';

/**
 * A bearer secret: a prefix naming what it grants (a leaked one is recognisable, by people and
 * secret scanners) and 32 random bytes in base64url. The prefix also keeps it from starting
 * with '-', which command-line parsers take for an option (`--admin-token -x…` is refused).
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}
