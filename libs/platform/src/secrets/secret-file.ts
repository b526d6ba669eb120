import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Reads a secret file, or creates it with mode 0600 when absent. Creation uses O_EXCL, so
 * services starting together agree on one secret instead of overwriting each other's.
 * `createDir` false means the folder must already exist (an operator-chosen location).
 */
export function readOrCreateSecretFile(path: string, create: () => Buffer, options: { createDir: boolean; variable: string }): Buffer {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    if (!options.createDir) {
      throw new Error(`${options.variable} points into ${dir}, which does not exist: create that folder or change ${options.variable}`);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  if (!statSync(dir).isDirectory()) throw new Error(`${options.variable}: ${dir} is not a folder`);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, create());
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`${options.variable}: cannot create ${path} (${(err as NodeJS.ErrnoException).code}); check the folder's permissions`);
    }
  }
  return readFileSync(path);
}
