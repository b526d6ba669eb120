import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Reads a secret file, or creates it with mode 0600 when absent. The secret is written to a
 * private temporary file first and then hard-linked into place, which fails if the file
 * exists: services starting together agree on one secret, and none reads a half-written one.
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
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, create(), { mode: 0o600, flag: 'wx' });
      linkSync(temporary, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`${options.variable}: cannot create ${path} (${(err as NodeJS.ErrnoException).code}); check the folder's permissions`);
      }
    } finally {
      if (existsSync(temporary)) unlinkSync(temporary);
    }
  }
  return readFileSync(path);
}
