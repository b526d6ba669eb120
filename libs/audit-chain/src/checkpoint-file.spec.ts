import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCheckpointFile, writeCheckpointFile } from './checkpoint-file';

describe('a checkpoint kept in a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-file-'));
  const checkpoint = { seq: 42, head_hash: 'a'.repeat(64), merkle_root: 'b'.repeat(64), signed_at: '2026-12-07T12:00:00.000Z', signature: 'sig', public_key: 'key' };

  it('is absent until written, then holds the checkpoint, readable by its owner only', () => {
    const path = join(dir, 'last-checkpoint.json');
    expect(readCheckpointFile(path, 'fix it')).toBeUndefined();
    writeCheckpointFile(path, { ...checkpoint, extra: 'dropped' } as typeof checkpoint);
    expect(readCheckpointFile(path, 'fix it')).toEqual(checkpoint);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeCheckpointFile(path, { ...checkpoint, seq: 43 });
    expect(readCheckpointFile(path, 'fix it')?.seq).toBe(43);
  });

  it('refuses a file that holds something else, saying what to do and not what it holds', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ seq: 'x' }));
    expect(() => readCheckpointFile(broken, 'remove it')).toThrow(/does not hold a checkpoint: remove it/);
    writeFileSync(broken, 'not json, secret-ish');
    expect(() => readCheckpointFile(broken, 'remove it')).not.toThrow(/secret-ish/);
  });
});
