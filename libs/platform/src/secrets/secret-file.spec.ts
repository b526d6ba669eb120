import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrCreateSecretFile } from './secret-file';

describe('readOrCreateSecretFile', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sealpost-secret-'));
  const options = { createDir: true, variable: 'SEALPOST_TEST_FILE' };

  it('creates the secret once, mode 0600, and leaves no temporary file behind', () => {
    const folder = dir();
    const path = join(folder, 'secret');
    expect(readOrCreateSecretFile(path, () => Buffer.from('first'), options).toString()).toBe('first');
    expect(readOrCreateSecretFile(path, () => Buffer.from('second'), options).toString()).toBe('first');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['secret']);
  });

  it('keeps a secret another process published first', () => {
    const path = join(dir(), 'secret');
    writeFileSync(path, 'theirs', { mode: 0o600 });
    expect(readOrCreateSecretFile(path, () => Buffer.from('mine'), options).toString()).toBe('theirs');
  });

  it('names the variable when an operator-chosen folder does not exist', () => {
    expect(() => readOrCreateSecretFile('/nonexistent-sealpost/x/root.key', () => Buffer.from('k'), { createDir: false, variable: 'SEALPOST_ROOT_KEY_FILE' })).toThrow(
      /SEALPOST_ROOT_KEY_FILE points into \/nonexistent-sealpost\/x, which does not exist/,
    );
  });
});
