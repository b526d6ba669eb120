import { BadJsonInput, checkJsonBytes, MAX_JSON_DEPTH, parseStrictJson } from './strict-json';

const refusal = (bytes: Buffer | string) => {
  try {
    parseStrictJson(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return 'accepted';
  } catch (err) {
    return err instanceof BadJsonInput ? err.message : `other: ${(err as Error).message}`;
  }
};

describe('parseStrictJson', () => {
  it('reads a plain body as JSON.parse does', () => {
    expect(parseStrictJson(Buffer.from('{"to":"+12025550123","text":{"body":"café ✓ 🚀 \\ud83d\\ude80 [{"}}'))).toEqual({ to: '+12025550123', text: { body: 'café ✓ 🚀 🚀 [{' } });
  });

  it('refuses invalid and overlong UTF-8', () => {
    expect(refusal(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]))).toMatch(/not valid UTF-8/);
    expect(refusal(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]))).toMatch(/not valid UTF-8/);
    expect(refusal(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]))).toMatch(/not valid UTF-8/);
  });

  it(`refuses nesting beyond ${MAX_JSON_DEPTH} levels, not counting brackets inside strings`, () => {
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe('accepted');
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toMatch(/nested deeper/);
    expect(refusal(`{"a":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`)).toBe('accepted');
    expect(() => checkJsonBytes(Buffer.from(`${'['.repeat(10000)}${']'.repeat(10000)}`))).toThrow(BadJsonInput);
  });

  it('refuses prototype keys at any depth', () => {
    expect(refusal('{"__proto__":{"polluted":1}}')).toMatch(/forbidden key/);
    expect(refusal('{"a":{"constructor":{"prototype":{}}}}')).toMatch(/forbidden key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an unpaired surrogate escape in a value or a key, and keeps a paired one', () => {
    expect(refusal('{"a":"x\\ud800"}')).toMatch(/unpaired/);
    expect(refusal('{"a":"\\udc00x"}')).toMatch(/unpaired/);
    expect(refusal('{"x\\ud800":1}')).toMatch(/unpaired/);
    expect(refusal('{"a":"\\ud83d\\ude80"}')).toBe('accepted');
  });

  it('says malformed JSON without quoting it', () => {
    expect(refusal('{"secret-canary": ')).toBe('Request body is not valid JSON');
  });
});
