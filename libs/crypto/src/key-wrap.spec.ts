import { randomBytes } from 'node:crypto';
import { unwrapKey, wrapKey } from './key-wrap';

describe('wrapKey / unwrapKey', () => {
  const kek = randomBytes(32);
  const dataKey = randomBytes(32);
  const aad = Buffer.from('biz-1/v2');

  it('round-trips as a compact iv.ct.tag string', () => {
    const wrapped = wrapKey(kek, dataKey, aad);
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
    expect(unwrapKey(kek, wrapped, aad)).toEqual(dataKey);
  });

  it('rejects the wrong KEK or AAD', () => {
    const wrapped = wrapKey(kek, dataKey, aad);
    expect(() => unwrapKey(randomBytes(32), wrapped, aad)).toThrow();
    expect(() => unwrapKey(kek, wrapped, Buffer.from('biz-2/v2'))).toThrow();
  });

  it('rejects any altered part', () => {
    const parts = wrapKey(kek, dataKey, aad).split('.');
    for (let i = 0; i < 3; i++) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[i] as string, 'base64url');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x80;
      altered[i] = bytes.toString('base64url');
      expect(() => unwrapKey(kek, altered.join('.'), aad)).toThrow();
    }
  });

  it('rejects malformed input', () => {
    expect(() => unwrapKey(kek, 'abc.def', aad)).toThrow(/iv\.ct\.tag/);
    expect(() => unwrapKey(kek, 'a.b.c.d', aad)).toThrow(/iv\.ct\.tag/);
  });
});
