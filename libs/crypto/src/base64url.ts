export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Node's decoder silently skips characters outside the alphabet, so two different strings can
 * decode to the same bytes. Requiring the canonical form (re-encoding gives the input back) means
 * a value read from the wire has exactly one spelling, which keeps comparisons and caches honest.
 */
export function fromBase64url(value: string, what = 'value'): Buffer {
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.toString('base64url') !== value) throw new Error(`${what} is not canonical unpadded base64url`);
  return bytes;
}
