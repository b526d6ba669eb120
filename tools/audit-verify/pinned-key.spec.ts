import { mkdtempSync, writeFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@sealpost/crypto';
import { readPinnedKey } from './pinned-key';

describe('readPinnedKey', () => {
  const { privateKeyPem, publicKey } = generateSigningKeyPair();
  const dir = mkdtempSync(join(tmpdir(), 'pinned-key-'));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));

  it('takes the key itself, or a file holding it, the PEM public key or the signing key', () => {
    expect(readPinnedKey(publicKey)).toBe(publicKey);
    expect(readPinnedKey(file('raw.txt', `${publicKey}\n`))).toBe(publicKey);
    expect(readPinnedKey(file('public.pem', createPublicKey(privateKeyPem).export({ format: 'pem', type: 'spki' }).toString()))).toBe(publicKey);
    expect(readPinnedKey(file('audit-signing.key', privateKeyPem))).toBe(publicKey);
  });

  it('says what to pass for anything else, without echoing a file', () => {
    expect(() => readPinnedKey('not-a-key')).toThrow(/neither a base64url Ed25519 public key .* nor an existing file/);
    expect(() => readPinnedKey(file('junk.txt', 'secret junk'))).toThrow(/holds neither/);
    expect(() => readPinnedKey(file('junk.txt', 'secret junk'))).not.toThrow(/secret junk/);
  });
});
