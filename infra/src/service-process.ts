import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { portVariable, ServiceName, SERVICES } from '@sealpost/contracts';
import { projectRoot } from './layout';
import { waitFor } from './wait-for';

export interface ServiceProcessOptions {
  service: ServiceName;
  env: NodeJS.ProcessEnv;
  port?: number;
  /** file that receives the service's stdout and stderr; inherits the terminal when absent */
  logFile?: string;
  /** with logFile: the terminal gets the output too (npm start) */
  tee?: boolean;
}

/** One compiled Sealpost service run as a child process (npm start, e2e tests, benchmarks). */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;
  readonly port: number;

  constructor(private readonly options: ServiceProcessOptions) {
    this.port = options.port ?? (Number(options.env[portVariable(options.service)]) || SERVICES[options.service].defaultPort);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get name(): ServiceName {
    return this.options.service;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const root = projectRoot();
    const main = join(root, 'dist', 'apps', this.options.service, 'src', 'main.js');
    const child = spawn(process.execPath, ['-r', join(root, 'infra', 'register-aliases.js'), main], {
      cwd: root,
      // an explicit port variable in env wins (tests start services with bad values on purpose)
      env: { [portVariable(this.options.service)]: String(this.port), ...this.options.env },
      stdio: this.options.logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (this.options.logFile) {
      mkdirSync(dirname(this.options.logFile), { recursive: true });
      const log = createWriteStream(this.options.logFile, { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      if (this.options.tee) {
        child.stdout?.pipe(process.stdout);
        child.stderr?.pipe(process.stderr);
      }
    }
    this.child = child;
    this.exit = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  async waitReady(timeoutMs = 60000): Promise<void> {
    await waitFor(`${this.options.service} to be ready`, async () => {
      if (!this.running) throw new Error(`${this.options.service} exited with code ${this.child?.exitCode}`);
      const res = await fetch(`${this.url}/health/ready`);
      return res.status === 200;
    }, timeoutMs, 250);
  }

  /** SIGTERM and wait; resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || !this.running) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exit!;
  }

  /** Resolves when the process exits on its own (e.g. rejected configuration). */
  exited(): Promise<number | null> {
    return this.exit ?? Promise.resolve(null);
  }
}
