import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Daemon, portOpen } from './daemon';
import { FERRETDB_VERSION, InfraLayout } from './layout';
import { PostgresServer } from './postgres-server';
import { Progress } from './progress';
import { requireTool } from './required-tool';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

const SOURCES = ['main.go', 'gin_indexes.go', 'go.mod', 'go.sum'];

/**
 * The embedded store: FerretDB v1 on its PostgreSQL backend, built from infra/ferretdb (our Go
 * main that embeds the library and keeps GIN indexes that FerretDB's pushed-down filters can
 * use), over a PostgreSQL cluster of our own. Started and stopped as one.
 */
export class FerretDbServer {
  readonly daemon: Daemon;
  readonly postgres: PostgresServer;
  private readonly dir: string;

  constructor(
    private readonly layout: InfraLayout,
    private readonly ports: { mongo: number; postgres: number },
    private readonly progress: Progress,
  ) {
    this.dir = join(layout.stateDir, 'ferretdb');
    mkdirSync(this.dir, { recursive: true });
    this.daemon = new Daemon('ferretdb', join(this.dir, 'ferretdb.pid'), join(this.dir, 'ferretdb.log'));
    this.postgres = new PostgresServer(layout, ports.postgres, progress);
  }

  get url(): string {
    return `mongodb://127.0.0.1:${this.ports.mongo}`;
  }

  /** Cached per source revision: a change to our Go main rebuilds it. */
  private get binary(): string {
    const sourceDir = join(this.layout.projectRoot, 'infra', 'ferretdb');
    const revision = createHash('sha256');
    for (const file of SOURCES) revision.update(readFileSync(join(sourceDir, file)));
    return join(this.layout.cacheDir, `ferretdb-${FERRETDB_VERSION}-${revision.digest('hex').slice(0, 12)}`, 'ferretdb');
  }

  async provision(): Promise<void> {
    if (existsSync(this.binary)) return;
    requireTool('go');
    this.progress(`ferretdb: building FerretDB ${FERRETDB_VERSION} from the Go module proxy (first run only, about a minute)…`);
    await runCommand('go', ['build', '-o', this.binary, '.'], { cwd: join(this.layout.projectRoot, 'infra', 'ferretdb') });
    this.progress('ferretdb: binary cached');
  }

  async start(): Promise<void> {
    if (this.daemon.isRunning()) {
      this.progress(`ferretdb: already running on ${this.url}`);
      return;
    }
    if (await portOpen('127.0.0.1', this.ports.mongo)) {
      throw new Error(`port ${this.ports.mongo} is taken by another process; stop it, or set MONGO_URL to use that server`);
    }
    await this.provision();
    await this.postgres.start();
    this.progress(`ferretdb: starting on ${this.url}`);
    this.daemon.spawn(this.binary, ['--listen-addr', `127.0.0.1:${this.ports.mongo}`], this.dir, { env: { FERRETDB_POSTGRESQL_URL: this.postgres.url } });
    await waitFor('FerretDB', async () => {
      if (!this.daemon.isRunning()) throw new Error(`ferretdb exited:\n${this.daemon.logTail()}`);
      return portOpen('127.0.0.1', this.ports.mongo);
    }, 60000);
    this.progress('ferretdb: ready');
  }

  async stop(): Promise<void> {
    if (await this.daemon.stop()) this.progress('ferretdb: stopped');
    await this.postgres.stop();
  }
}
