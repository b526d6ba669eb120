import { parseArgs } from 'node:util';
import { newSecretToken } from './secret-token';

describe('newSecretToken', () => {
  it('starts with its prefix, so a command line never takes it for an option', () => {
    for (let i = 0; i < 500; i++) {
      const token = newSecretToken('spadmin_');
      expect(token).toMatch(/^spadmin_[A-Za-z0-9_-]{43}$/);
      const { values } = parseArgs({ args: ['--admin-token', token], options: { 'admin-token': { type: 'string' } } });
      expect(values['admin-token']).toBe(token);
    }
  });

  it('is random', () => {
    expect(new Set(Array.from({ length: 100 }, () => newSecretToken('x_'))).size).toBe(100);
  });
});
