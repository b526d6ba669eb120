import { parseArgs } from 'node:util';
import { readCheckpointFile, writeCheckpointFile } from '@sealpost/audit-chain';
import { AuditLogReader } from './audit-log-reader';
import { readPinnedKey } from './pinned-key';
import { verifyLogIndependently } from './verify-log';

/**
 * `npm run audit:verify -- --url http://127.0.0.1:3005 [--admin-token T] [--public-key K|FILE] [--checkpoint-file F]`
 * Exit status 0 when the log and its latest checkpoint verify (and extend the checkpoint F holds
 * from an earlier run, which is then replaced by the latest), 1 otherwise, 2 on bad usage.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'public-key': { type: 'string' },
      'checkpoint-file': { type: 'string' },
    },
  });
  const token = values['admin-token'] ?? process.env.SEALPOST_ADMIN_TOKEN;
  if (!values.url || !token) {
    process.stderr.write(
      'usage: npm run audit:verify -- --url <audit url> [--admin-token <token> | SEALPOST_ADMIN_TOKEN] [--public-key <base64url Ed25519 key, or a file: the signing key or the key> | SEALPOST_AUDIT_PUBLIC_KEY] [--checkpoint-file <file kept between runs>]\n',
    );
    process.exit(2);
  }
  const keyOrFile = values['public-key'] ?? process.env.SEALPOST_AUDIT_PUBLIC_KEY;
  const pinnedKey = keyOrFile === undefined ? undefined : readPinnedKey(keyOrFile);
  if (!pinnedKey) process.stderr.write('warning: no --public-key: the checkpoint is checked against the key it names itself, which whoever can write the store chooses\n');
  process.stdout.write(`downloading the log from ${values.url}…\n`);
  const checkpointFile = values['checkpoint-file'];
  const previous = checkpointFile === undefined ? undefined : readCheckpointFile(checkpointFile, 'pass the file an earlier run wrote, or a new path to start one');
  const { latest, ...verdict } = await verifyLogIndependently(new AuditLogReader(values.url.replace(/\/$/, ''), token), pinnedKey, previous);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  if (checkpointFile && verdict.valid && latest) writeCheckpointFile(checkpointFile, latest);
  process.stdout.write(verdict.valid ? `VALID: ${verdict.length} events, checkpoint at ${verdict.checkpoint?.seq ?? 'none'}${verdict.key_pinned ? ', key pinned' : ', key NOT pinned'}\n` : `INVALID from seq ${verdict.first_invalid_seq}: ${verdict.reasons.join('; ')}\n`);
  process.exit(verdict.valid ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`audit:verify failed: ${err.message}\n`);
  process.exit(1);
});
