import { parseArgs } from 'node:util';
import { AuditLogReader } from './audit-log-reader';
import { readPinnedKey } from './pinned-key';
import { verifyLogIndependently } from './verify-log';

/**
 * `npm run audit:verify -- --url http://127.0.0.1:3005 [--admin-token T] [--public-key K|FILE]`
 * Exit status 0 when the log and its latest checkpoint verify, 1 otherwise, 2 on bad usage.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'public-key': { type: 'string' },
    },
  });
  const token = values['admin-token'] ?? process.env.SEALPOST_ADMIN_TOKEN;
  if (!values.url || !token) {
    process.stderr.write(
      'usage: npm run audit:verify -- --url <audit url> [--admin-token <token> | SEALPOST_ADMIN_TOKEN] [--public-key <base64url Ed25519 key, or a file: the signing key or the key> | SEALPOST_AUDIT_PUBLIC_KEY]\n',
    );
    process.exit(2);
  }
  const keyOrFile = values['public-key'] ?? process.env.SEALPOST_AUDIT_PUBLIC_KEY;
  const pinnedKey = keyOrFile === undefined ? undefined : readPinnedKey(keyOrFile);
  if (!pinnedKey) process.stderr.write('warning: no --public-key: the checkpoint is checked against the key it names itself, which whoever can write the store chooses\n');
  process.stdout.write(`downloading the log from ${values.url}…\n`);
  const verdict = await verifyLogIndependently(new AuditLogReader(values.url.replace(/\/$/, ''), token), pinnedKey);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  process.stdout.write(verdict.valid ? `VALID: ${verdict.length} events, checkpoint at ${verdict.checkpoint?.seq ?? 'none'}${verdict.key_pinned ? ', key pinned' : ', key NOT pinned'}\n` : `INVALID from seq ${verdict.first_invalid_seq}: ${verdict.reasons.join('; ')}\n`);
  process.exit(verdict.valid ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`audit:verify failed: ${err.message}\n`);
  process.exit(1);
});
