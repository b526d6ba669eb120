import { parseArgs } from 'node:util';
import { AuditLogReader } from './audit-log-reader';
import { verifyLogIndependently } from './verify-log';

/**
 * `npm run audit:verify -- --url http://127.0.0.1:3005 [--admin-token T] [--public-key K]`
 * Exit status 0 when the log and its latest checkpoint verify, 1 otherwise.
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
    process.stderr.write('usage: npm run audit:verify -- --url <audit url> [--admin-token <token> | SEALPOST_ADMIN_TOKEN] [--public-key <base64url Ed25519 key to pin>]\n');
    process.exit(2);
  }
  process.stdout.write(`downloading the log from ${values.url}…\n`);
  const verdict = await verifyLogIndependently(new AuditLogReader(values.url.replace(/\/$/, ''), token), values['public-key']);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  process.stdout.write(verdict.valid ? `VALID: ${verdict.length} events, checkpoint at ${verdict.checkpoint?.seq ?? 'none'}\n` : `INVALID from seq ${verdict.first_invalid_seq}: ${verdict.reasons.join('; ')}\n`);
  process.exit(verdict.valid ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`audit:verify failed: ${err.message}\n`);
  process.exit(1);
});
