import { fromBase64url, toBase64url } from './base64url';

describe('base64url', () => {
  it('round-trips bytes, including a Buffer that is a slice of a larger pool', () => {
    const pool = Buffer.from('xx\x00\xff\xfe\x01yy', 'latin1');
    const slice = pool.subarray(2, 6);
    expect(toBase64url(slice)).toBe('AP_-AQ');
    expect(fromBase64url(toBase64url(slice))).toEqual(slice);
  });

  it.each([['AP_-AQ=='], ['AP+/AQ'], ['AP_-A Q'], ['AP_-AR'], ['!!']])('rejects non-canonical %p', (value) => {
    expect(() => fromBase64url(value)).toThrow(/canonical/);
  });
});
