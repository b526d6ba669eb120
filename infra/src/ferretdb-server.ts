import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Daemon, portOpen } from './daemon';
import { FERRETDB_VERSION, InfraLayout } from './layout';
import { Progress } from './progress';
import { requireTool } from './required-tool';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

/** FerretDB v1 (SQLite backend) built from infra/ferretdb, our Go main that embeds the library. */
export class FerretDbServer {
  readonly daemon: Daemon;
  private readonly dir: string;

  constructor(
    private readonly layout: InfraLayout,
    private readonly port: number,
    private readonly progress: Progress,
  ) {
    this.dir = join(layout.stateDir, 'ferretdb');
    mkdirSync(this.dir, { recursive: true });
    this.daemon = new Daemon('ferretdb', join(this.dir, 'ferretdb.pid'), join(this.dir, 'ferretdb.log'));
  }

  get url(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  private get binary(): string {
    return join(this.layout.cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
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
    if (await portOpen('127.0.0.1', this.port)) {
      throw new Error(`port ${this.port} is taken by another process; stop it, or set MONGO_URL to use that server`);
    }
    await this.provision();
    this.progress(`ferretdb: starting on ${this.url}`);
    this.daemon.spawn(this.binary, ['--listen-addr', `127.0.0.1:${this.port}`, '--data-dir', join(this.dir, 'data')], this.dir);
    await waitFor('FerretDB', async () => {
      if (!this.daemon.isRunning()) throw new Error(`ferretdb exited:\n${this.daemon.logTail()}`);
      return portOpen('127.0.0.1', this.port);
    }, 60000);
    this.progress('ferretdb: ready');
  }

  async stop(): Promise<void> {
    if (await this.daemon.stop()) this.progress('ferretdb: stopped');
  }
}
