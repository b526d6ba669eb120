import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';

export const HPKE_SUITE_NAME = 'HPKE-base-X25519-SHA256-AES256GCM' as const;
export const X25519_KEY_BYTES = 32;

let suite: CipherSuite | undefined;

/**
 * One suite instance per process: it is stateless between seal/open calls, and building it
 * re-derives the suite id and KDF state each time. The X25519 KEM comes from @hpke/dhkem-x25519
 * (pure JS), so HPKE does not depend on the runtime's WebCrypto exposing X25519.
 */
export function hpkeSuite(): CipherSuite {
  suite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  return suite;
}
