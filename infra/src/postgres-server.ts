import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readOrCreateSecretFile } from '@sealpost/platform/secrets/secret-file';
import { Daemon, portOpen } from './daemon';
import type { InfraLayout } from './layout';
import type { Progress } from './progress';
import { waitFor } from './wait-for';

const USER = 'sealpost';
const FERRETDB_POOL = 150;
const MIN_MAJOR = 13;

/**
 * The PostgreSQL server under the embedded FerretDB: the machine's installed PostgreSQL
 * (13+), a cluster of our own in the state folder, reachable on loopback TCP only with a
 * generated password (no Unix socket). PostgreSQL refuses to run as root, so as root it runs
 * as the system user `postgres`.
 */
export class PostgresServer {
  readonly daemon: Daemon;
  private readonly dir: string;
  private readonly dataDir: string;

  constructor(
    private readonly layout: InfraLayout,
    private readonly port: number,
    private readonly progress: Progress,
  ) {
    this.dir = join(layout.stateDir, 'postgres');
    this.dataDir = join(this.dir, 'data');
    mkdirSync(this.dir, { recursive: true });
    this.daemon = new Daemon('postgres', join(this.dir, 'postgres.pid'), join(this.dir, 'postgres.log'), 'SIGINT');
  }

  /**
   * FerretDB's connection URL: it carries the password, so it travels in the environment only.
   * FerretDB holds one pooled connection per statement of a command until the command ends and
   * hangs once a command (or concurrent ones) want more than the pool has: 150, not its 50.
   */
  get url(): string {
    return `postgres://${USER}:${encodeURIComponent(this.password())}@127.0.0.1:${this.port}/postgres?pool_max_conns=${FERRETDB_POOL}`;
  }

  async start(): Promise<void> {
    if (this.daemon.isRunning()) return;
    if (await portOpen('127.0.0.1', this.port)) {
      throw new Error(`port ${this.port} is taken by another process; stop it, or set MONGO_URL to use a MongoDB server you run`);
    }
    const bin = findPostgresBin();
    const runAs = serverUser();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initialize(bin, runAs);
    this.progress(`postgres: starting on 127.0.0.1:${this.port}`);
    rmSync(join(this.dataDir, 'postmaster.pid'), { force: true }); // left by a killed server; the pid file above is ours
    this.daemon.spawn(join(bin, 'postgres'), ['-D', this.dataDir, ...SETTINGS.flatMap((s) => ['-c', s]), '-c', `port=${this.port}`], this.dir, runAs);
    await waitFor('PostgreSQL', async () => {
      if (!this.daemon.isRunning()) throw new Error(`postgres exited:\n${this.daemon.logTail()}`);
      return spawnSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(this.port)]).status === 0;
    }, 60000);
  }

  async stop(): Promise<void> {
    if (await this.daemon.stop(30000)) this.progress('postgres: stopped');
  }

  private initialize(bin: string, runAs: ServerUser): void {
    this.progress('postgres: creating the cluster (first run only)');
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { mode: 0o700 });
    const passwordFile = join(this.dir, `initdb.${randomBytes(6).toString('hex')}.pw`);
    writeFileSync(passwordFile, this.password(), { mode: 0o600 });
    try {
      if (runAs.uid !== undefined) {
        chownSync(this.dataDir, runAs.uid, runAs.gid!);
        chownSync(passwordFile, runAs.uid, runAs.gid!);
        grantPassage(dirname(this.dataDir), this.progress);
      }
      const init = spawnSync(
        join(bin, 'initdb'),
        ['-D', this.dataDir, '-U', USER, `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256', '--auth-local=reject', '-E', 'UTF8', '--no-locale', '--no-instructions'],
        { ...runAs, cwd: this.dir, encoding: 'utf8' },
      );
      if (init.status !== 0) throw new Error(`initdb failed:\n${`${init.stdout}${init.stderr}`.split('\n').slice(-15).join('\n')}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  private password(): string {
    const file = join(this.layout.secretsDir, 'credentials', 'postgres.password');
    return readOrCreateSecretFile(file, () => Buffer.from(randomBytes(24).toString('base64url')), { createDir: true, variable: 'SEALPOST_DATA_DIR' }).toString('utf8').trim();
  }
}

/**
 * Loopback TCP only, no Unix socket (its default folder belongs to the system's own cluster).
 * Custom plans always: FerretDB's statements name the field as a parameter (`_jsonb->$1 @> $2`),
 * which only a plan made for the actual values can match to the GIN index on `(_jsonb->'f')`;
 * PostgreSQL's default switches a statement to a generic plan after five runs, and that plan
 * scans the table (measured: a lookup by `_id` 2.9 ms at 3,000 messages, growing with the data).
 */
const SETTINGS = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200', 'shared_buffers=256MB', 'logging_collector=off', 'plan_cache_mode=force_custom_plan'];

interface ServerUser {
  uid?: number;
  gid?: number;
}

function serverUser(): ServerUser {
  if (process.getuid?.() !== 0) return {};
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
  } catch {
    throw new Error("PostgreSQL refuses to run as root and there is no 'postgres' user: run as another user, install the postgresql package (it creates that user), or set MONGO_URL");
  }
}

/** The newest installed server's binaries (Debian keeps them per major version). */
function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).map(Number).filter((v) => v >= MIN_MAJOR && existsSync(join(root, String(v), 'bin', 'postgres'))) : [];
  if (majors.length > 0) return join(root, String(Math.max(...majors)), 'bin');
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && existsSync(join(onPath.stdout.trim(), 'postgres'))) return onPath.stdout.trim();
  throw new Error(`the embedded store needs a PostgreSQL ${MIN_MAJOR}+ server: install one (Debian: apt-get install postgresql), or set MONGO_URL to a MongoDB server you run`);
}

/** The server user must be able to walk down to its data folder: add o+x where it is missing. */
function grantPassage(dir: string, progress: Progress): void {
  const opened: string[] = [];
  for (let at = dir; at !== dirname(at); at = dirname(at)) {
    const mode = statSync(at).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(at, (mode & 0o7777) | 0o001);
      opened.push(at);
    }
  }
  if (opened.length > 0) progress(`postgres: let the postgres user pass through (o+x, no listing) ${opened.join(', ')}`);
}
