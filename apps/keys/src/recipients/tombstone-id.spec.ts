import { createHash } from 'node:crypto';
import { tombstoneId } from './tombstone-id';

describe('tombstoneId', () => {
  const lookup = 'a'.repeat(64);

  it('is stable per lookup pseudonym and differs across them', () => {
    expect(tombstoneId(lookup)).toMatch(/^[0-9a-f]{64}$/);
    expect(tombstoneId(lookup)).toBe(tombstoneId(lookup));
    expect(tombstoneId('b'.repeat(64))).not.toBe(tombstoneId(lookup));
  });

  it('never equals the lookup pseudonym nor its bare hash', () => {
    expect(tombstoneId(lookup)).not.toBe(lookup);
    expect(tombstoneId(lookup)).not.toBe(createHash('sha256').update(lookup).digest('hex'));
  });
});
