import { signSha256, verifySha256 } from './hmac-signature';

describe('HMAC-SHA256 signatures', () => {
  const secret = 'webhook-secret';
  const body = Buffer.from('{"entry":[{"id":"1"}]}');

  it('matches RFC 4231 test case 2', () => {
    expect(signSha256('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('verifies over the raw bytes, for string and Buffer inputs alike', () => {
    const header = signSha256(secret, body);
    expect(verifySha256(secret, body, header)).toBe(true);
    expect(verifySha256(Buffer.from(secret), body.toString(), header)).toBe(true);
    expect(verifySha256(secret, body, header.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('fails for a one-byte change in the body', () => {
    const header = signSha256(secret, body);
    const changed = Buffer.from(body);
    changed[5] = (changed[5] as number) ^ 0x01;
    expect(verifySha256(secret, changed, header)).toBe(false);
  });

  it('fails for another secret', () => {
    expect(verifySha256('other', body, signSha256(secret, body))).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong prefix', signSha256(secret, body).replace('sha256=', 'sha1=')],
    ['no prefix', signSha256(secret, body).slice('sha256='.length)],
    ['truncated', signSha256(secret, body).slice(0, -2)],
    ['non-hex', `sha256=${'z'.repeat(64)}`],
    ['trailing junk', `${signSha256(secret, body)} `],
  ])('fails for a %s header', (_label, header) => {
    expect(verifySha256(secret, body, header)).toBe(false);
  });

  it('refuses an empty secret', () => {
    expect(() => signSha256('', body)).toThrow(/empty/);
    expect(() => verifySha256(Buffer.alloc(0), body, 'sha256=00')).toThrow(/empty/);
  });
});
