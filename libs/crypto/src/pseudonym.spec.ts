import { createHmac, randomBytes } from 'node:crypto';
import { pseudonymize } from './pseudonym';

describe('pseudonymize', () => {
  const key = randomBytes(32);

  it('is deterministic per key and differs across keys and numbers', () => {
    const p = pseudonymize(key, '33612345678');
    expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymize(key, '33612345678')).toBe(p);
    expect(pseudonymize(randomBytes(32), '33612345678')).not.toBe(p);
    expect(pseudonymize(key, '33612345679')).not.toBe(p);
  });

  it('is domain-separated from a bare HMAC of the number', () => {
    const bare = createHmac('sha256', key).update('33612345678').digest('hex');
    expect(pseudonymize(key, '33612345678')).not.toBe(bare);
  });

  it.each(['+33612345678', '0612345678', '33 612345678', '1234567890123456', ''])('rejects non-normalised input %p', (n) => {
    expect(() => pseudonymize(key, n)).toThrow(/E\.164/);
  });

  it('rejects short keys', () => {
    expect(() => pseudonymize(randomBytes(16), '33612345678')).toThrow(/at least 32/);
  });
});
