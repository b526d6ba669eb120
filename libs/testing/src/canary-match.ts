/**
 * Finds secrets planted in test input wherever data comes to rest. A canary can be stored as its
 * UTF-8 bytes or JSON-escaped (quotes, backslashes, and — as the webhook body and many loggers
 * do — non-ASCII as \uXXXX), sometimes inside a JSON string that was itself serialised again.
 * Base64 of the canary is not searched: sealed data is base64 too, so a hit there would be noise
 * and a real leak in base64 would already show up decoded somewhere else.
 */
export class CanaryMatcher {
  private readonly forms: Array<{ canary: string; bytes: Buffer[] }>;

  constructor(canaries: readonly string[]) {
    // an empty canary matches every byte string and would turn the scan into noise
    if (canaries.some((c) => c.length === 0)) throw new Error('canaries must not be empty strings');
    this.forms = canaries.map((canary) => ({ canary, bytes: canaryForms(canary).map((f) => Buffer.from(f, 'utf8')) }));
  }

  /** The canaries present in the haystack, each once. */
  find(haystack: Buffer | string): string[] {
    const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
    return this.forms.filter(({ bytes: forms }) => forms.some((form) => bytes.includes(form))).map((f) => f.canary);
  }
}

export function canaryForms(canary: string): string[] {
  const jsonEscaped = JSON.stringify(canary).slice(1, -1);
  const asciiLower = escapeNonAscii(jsonEscaped, (hex) => hex);
  const asciiUpper = escapeNonAscii(jsonEscaped, (hex) => hex.toUpperCase());
  const once = [canary, jsonEscaped, asciiLower, asciiUpper];
  const twice = once.slice(1).map((form) => JSON.stringify(form).slice(1, -1));
  return [...new Set([...once, ...twice])];
}

/** Works on UTF-16 code units, so astral characters become surrogate pairs exactly as JSON writes them. */
function escapeNonAscii(text: string, hexCase: (hex: string) => string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${hexCase(c.charCodeAt(0).toString(16).padStart(4, '0'))}`);
}
