import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES, ServiceName, SERVICES } from '@sealpost/contracts';
import { readPinnedKey } from '../audit-verify/pinned-key';

export interface CheckOptions {
  adminToken: string;
  urls: Record<ServiceName, string>;
  kafkaBrokers: string;
  mongoUrl: string;
  /** where the generated Kafka credentials are (credentials/kafka-<name>.password) */
  dataDir: string;
  canaries: string[];
  logFiles: string[];
  /** the pinned audit checkpoint key (base64url), or the flag's value that could not be read, for the claim to report */
  auditPublicKey: { key: string } | { problem: string };
  /** how long to wait for the sweep and for a checkpoint that covers the canary's events */
  waitMs: number;
}

export const USAGE = `usage: npm run privacy:check -- --admin-token <token> [options]
  --canary TEXT        a string that must appear nowhere (repeatable)
  --log FILE           a service log to scan (repeatable; default: <data dir>/logs/*.log, which npm start writes)
  --<service>-url URL  e.g. --ingestion-url http://127.0.0.1:3001 (defaults: the contract's ports on 127.0.0.1)
  --kafka-brokers B    default KAFKA_BROKERS, else 127.0.0.1:9092
  --mongo-url U        default MONGO_URL, else mongodb://127.0.0.1:27017 (needs read access to every service database)
  --data-dir D         default SEALPOST_DATA_DIR, else .sealpost (Kafka credentials are read from D/credentials)
  --audit-public-key K the audit checkpoint key to pin: base64url, or a file (the signing key or the key); default
                       SEALPOST_AUDIT_PUBLIC_KEY, else D/audit-signing.key
  --wait-seconds N     how long to wait for the sweep, the next audit checkpoint and the scan of every topic (default 150)`;

/** Flags first, then the same variables the services read, then the contract's defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): CheckOptions {
  const urlFlags = Object.fromEntries(SERVICE_NAMES.map((s) => [`${s}-url`, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: argv,
    options: {
      'admin-token': { type: 'string' },
      canary: { type: 'string', multiple: true },
      log: { type: 'string', multiple: true },
      'kafka-brokers': { type: 'string' },
      'mongo-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'wait-seconds': { type: 'string' },
      'audit-public-key': { type: 'string' },
      ...urlFlags,
    },
  });
  const adminToken = (values['admin-token'] as string | undefined) ?? env.SEALPOST_ADMIN_TOKEN;
  if (!adminToken) throw new UsageError('--admin-token is required (or SEALPOST_ADMIN_TOKEN)');
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? env.SEALPOST_DATA_DIR ?? '.sealpost');
  const waitSeconds = Number((values['wait-seconds'] as string | undefined) ?? 150);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) throw new UsageError('--wait-seconds must be a positive number');
  const canaries = (values.canary as string[] | undefined) ?? [];
  if (canaries.some((c) => c.length < 6)) throw new UsageError('each --canary must be at least 6 characters, or it would match by chance');
  return {
    adminToken,
    urls: Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, (((values as Record<string, unknown>)[`${s}-url`] as string | undefined) ?? `http://127.0.0.1:${SERVICES[s].defaultPort}`).replace(/\/$/, '')]),
    ) as Record<ServiceName, string>,
    kafkaBrokers: (values['kafka-brokers'] as string | undefined) ?? env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoUrl: (values['mongo-url'] as string | undefined) ?? env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
    dataDir,
    canaries,
    logFiles: (values.log as string[] | undefined) ?? defaultLogFiles(dataDir),
    auditPublicKey: pinnedAuditKey((values['audit-public-key'] as string | undefined) ?? env.SEALPOST_AUDIT_PUBLIC_KEY, dataDir),
    waitMs: waitSeconds * 1000,
  };
}

/** Read now, reported by the audit-chain claim: the other claims need no key. */
function pinnedAuditKey(keyOrFile: string | undefined, dataDir: string): CheckOptions['auditPublicKey'] {
  const source = keyOrFile ?? join(dataDir, 'audit-signing.key');
  if (keyOrFile === undefined && !existsSync(source)) return { problem: `no audit key to pin: pass --audit-public-key (or SEALPOST_AUDIT_PUBLIC_KEY); ${source} does not exist` };
  try {
    return { key: readPinnedKey(source) };
  } catch (err) {
    return { problem: (err as Error).message.replace('--public-key', '--audit-public-key') };
  }
}

function defaultLogFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'logs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => join(dir, f)) : [];
}

export class UsageError extends Error {}
