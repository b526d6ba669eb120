import { BaseEnv } from './base-env';
import { IsPort } from './port';
import { validateEnv } from './validate-env';

class TestEnv extends BaseEnv {
  @IsPort('SEALPOST_TEST_PORT')
  SEALPOST_TEST_PORT = 3001;
}

describe('validateEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = validateEnv(TestEnv, { SEALPOST_TEST_PORT: '4000' });
    expect(env.SEALPOST_TEST_PORT).toBe(4000);
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.MONGO_URL).toBe('mongodb://127.0.0.1:27017');
  });

  it('names a non-numeric port variable', () => {
    expect(() => validateEnv(TestEnv, { SEALPOST_TEST_PORT: 'abc' })).toThrow(/SEALPOST_TEST_PORT must be an integer/);
  });

  it('names a malformed MONGO_URL', () => {
    expect(() => validateEnv(TestEnv, { MONGO_URL: 'nonsense' })).toThrow(/MONGO_URL must be a mongodb:\/\/ URL/);
  });

  it('never echoes a rejected secret', () => {
    const err = (() => { try { validateEnv(TestEnv, { SEALPOST_ADMIN_TOKEN: 'short-canary' }); } catch (e) { return e as Error; } })();
    expect(err?.message).toMatch(/SEALPOST_ADMIN_TOKEN/);
    expect(err?.message).not.toContain('short-canary');
  });
});
