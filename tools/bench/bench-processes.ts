import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { portVariable, ServiceName } from '@sealpost/contracts';
import { projectRoot } from '@sealpost/infra';
import { WatchedProcess } from './process-sampler';

/** What identifies one of our service processes among the machine's (another run's services look the same). */
export interface ServiceIdentity {
  main: string;
  /** e.g. SEALPOST_INGESTION_PORT=13001 */
  portAssignment: string;
  parentPid: number;
}

export function serviceIdentity(service: ServiceName, port: number, parentPid = process.pid): ServiceIdentity {
  return { main: join(projectRoot(), 'dist', 'apps', service, 'src', 'main.js'), portAssignment: `${portVariable(service)}=${port}`, parentPid };
}

/** A child of ours, running the service's main.js, told to listen on the port (cmdline and environ are NUL-separated). */
export function isServiceProcess(identity: ServiceIdentity, proc: { ppid: number; cmdline: string; environ: string }): boolean {
  return proc.ppid === identity.parentPid && proc.cmdline.split('\0').includes(identity.main) && proc.environ.split('\0').includes(identity.portAssignment);
}

/**
 * Found through /proc, as ServiceProcess does not expose its child's pid: our child with that
 * service's main.js and port.
 */
export function findServicePid(identity: ServiceIdentity): number | undefined {
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const read = (file: string) => readFileSync(`/proc/${name}/${file}`, 'utf8');
    try {
      const stat = read('stat');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === identity.parentPid && isServiceProcess(identity, { ppid, cmdline: read('cmdline'), environ: read('environ') })) return Number(name);
    } catch {
      // exited while we looked, or not ours to read
    }
  }
  return undefined;
}

/**
 * The embedded daemons, from the pid files infra/src writes under the state folder: kafka/kafka.pid
 * (the broker's JVM), ferretdb/ferretdb.pid, postgres/postgres.pid (the postmaster, counted with
 * its backends). Without a state folder (container infrastructure) they are reported as not found.
 */
export function infraProcesses(stateDir: string | undefined): WatchedProcess[] {
  const fromPidFile = (...path: string[]) => (stateDir ? livePid(join(stateDir, ...path)) : undefined);
  return [
    { name: 'kafka', pid: fromPidFile('kafka', 'kafka.pid'), tree: false },
    { name: 'ferretdb', pid: fromPidFile('ferretdb', 'ferretdb.pid'), tree: false },
    { name: 'postgres', pid: fromPidFile('postgres', 'postgres.pid'), tree: true },
  ];
}

/** This process: the submitter, the 100 fake devices and the webhook receiver share its CPU. */
export const BENCH_PROCESS: WatchedProcess = { name: 'bench', pid: process.pid, tree: false };

function livePid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}
