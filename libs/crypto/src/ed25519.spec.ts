import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { generateSigningKeyPair, publicKeyRawB64url, signEd25519, verifyEd25519 } from './ed25519';

// RFC 8032 section 7.1, TEST 1 (empty message).
const RFC_SK = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PK = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');

describe('Ed25519', () => {
  const data = Buffer.from('event payload');

  it('signs and verifies, and derives the published public key from the PEM', () => {
    const { privateKeyPem, publicKey } = generateSigningKeyPair();
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(32);
    expect(publicKeyRawB64url(privateKeyPem)).toBe(publicKey);
    const sig = signEd25519(privateKeyPem, data);
    expect(Buffer.from(sig, 'base64url')).toHaveLength(64);
    expect(verifyEd25519(publicKey, data, sig)).toBe(true);
  });

  it('matches RFC 8032 test 1', () => {
    const pem = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64(RFC_SK), x: b64(RFC_PK) }, format: 'jwk' })
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(publicKeyRawB64url(pem)).toBe(b64(RFC_PK));
    expect(signEd25519(pem, Buffer.alloc(0))).toBe(b64(RFC_SIG));
    expect(verifyEd25519(b64(RFC_PK), Buffer.alloc(0), b64(RFC_SIG))).toBe(true);
  });

  it('rejects a forged signature, changed data, or another key', () => {
    const { privateKeyPem, publicKey } = generateSigningKeyPair();
    const sig = signEd25519(privateKeyPem, data);
    const forged = Buffer.from(sig, 'base64url');
    forged[10] = (forged[10] as number) ^ 0x01;
    expect(verifyEd25519(publicKey, data, forged.toString('base64url'))).toBe(false);
    expect(verifyEd25519(publicKey, Buffer.from('event payloae'), sig)).toBe(false);
    expect(verifyEd25519(generateSigningKeyPair().publicKey, data, sig)).toBe(false);
  });

  it('returns false for malformed signatures', () => {
    const { privateKeyPem, publicKey } = generateSigningKeyPair();
    const sig = signEd25519(privateKeyPem, data);
    expect(verifyEd25519(publicKey, data, '')).toBe(false);
    expect(verifyEd25519(publicKey, data, sig.slice(0, 40))).toBe(false);
    expect(verifyEd25519(publicKey, data, `${sig}==`)).toBe(false);
  });

  it('throws for a malformed public key', () => {
    expect(() => verifyEd25519('AAAA', data, 'x')).toThrow(/32 bytes/);
  });

  it('refuses to sign with a non-Ed25519 key', () => {
    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => signEd25519(ecPem, data)).toThrow(/Ed25519/);
  });
});
