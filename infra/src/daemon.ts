import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { waitFor } from './wait-for';

export interface SpawnOptions {
  /** run as this user (the embedded PostgreSQL refuses root) */
  uid?: number;
  gid?: number;
  /** extra environment (secrets go here, never into the arguments other users can list) */
  env?: NodeJS.ProcessEnv;
}

/** A background process tracked by a pid file, so `start` is idempotent and `stop` works from another shell. */
export class Daemon {
  constructor(
    readonly name: string,
    private readonly pidFile: string,
    private readonly logFile: string,
    /** the signal that stops it cleanly and promptly (PostgreSQL's fast shutdown is SIGINT) */
    private readonly stopSignal: NodeJS.Signals = 'SIGTERM',
  ) {}

  pid(): number | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  }

  isRunning(): boolean {
    return this.pid() !== undefined;
  }

  spawn(cmd: string, args: string[], cwd: string, options: SpawnOptions = {}): number {
    const out = openSync(this.logFile, 'a');
    const env = options.env ? { ...process.env, ...options.env } : process.env;
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', out, out], env, uid: options.uid, gid: options.gid });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${this.name}: see ${this.logFile}`);
    writeFileSync(this.pidFile, String(child.pid));
    return child.pid;
  }

  /** Its stop signal, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 15000): Promise<boolean> {
    const pid = this.pid();
    if (pid === undefined) {
      rmSync(this.pidFile, { force: true });
      return false;
    }
    process.kill(pid, this.stopSignal);
    try {
      await waitFor(`${this.name} to exit`, async () => !this.isRunning(), graceMs);
    } catch {
      process.kill(pid, 'SIGKILL');
      await waitFor(`${this.name} to die`, async () => !this.isRunning(), 5000);
    }
    rmSync(this.pidFile, { force: true });
    return true;
  }

  logTail(lines = 20): string {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }
}

export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}
