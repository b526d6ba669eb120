import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { waitFor } from './wait-for';

/** A background process tracked by a pid file, so `start` is idempotent and `stop` works from another shell. */
export class Daemon {
  constructor(
    readonly name: string,
    private readonly pidFile: string,
    private readonly logFile: string,
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

  spawn(cmd: string, args: string[], cwd: string): number {
    const out = openSync(this.logFile, 'a');
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', out, out] });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${this.name}: see ${this.logFile}`);
    writeFileSync(this.pidFile, String(child.pid));
    return child.pid;
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 15000): Promise<boolean> {
    const pid = this.pid();
    if (pid === undefined) {
      rmSync(this.pidFile, { force: true });
      return false;
    }
    process.kill(pid, 'SIGTERM');
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
