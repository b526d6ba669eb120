import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { combineReadings, MemberReading, parseProcStat, parseProcStatus, processTree, ProcStat } from './proc-stat';

/** A process to watch: alone, or as the root of a tree counted as one (PostgreSQL and its backends). */
export interface WatchedProcess {
  name: string;
  /** undefined when it could not be found: it is reported as such, not as zero */
  pid: number | undefined;
  tree: boolean;
}

/** Over one phase of the bench: the peak of the 1 s RSS samples and the CPU spent from first to last. */
export interface ResourceUsage {
  name: string;
  pid: number | null;
  peakRssMb: number | null;
  cpuS: number | null;
}

/** The /proc files the sampler reads; tests give it fixed texts. */
export interface ProcSource {
  pids(): number[];
  stat(pid: number): string | undefined;
  status(pid: number): string | undefined;
}

export const liveProc: ProcSource = {
  pids: () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number),
  stat: (pid) => readProcFile(pid, 'stat'),
  status: (pid) => readProcFile(pid, 'status'),
};

function readProcFile(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // it exited between listing and reading
  }
}

/** CPU times in /proc are in clock ticks; 100 per second on every common Linux build. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

interface Tally {
  firstCpuTicks?: number;
  lastCpuTicks?: number;
  peakRssKb?: number;
}

/** Samples RSS and CPU of the watched processes every second while a phase of the bench runs. */
export class ProcessSampler {
  private readonly tallies = new Map<string, Tally>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly watched: readonly WatchedProcess[],
    private readonly ticksPerSecond = clockTicksPerSecond(),
    private readonly proc: ProcSource = liveProc,
  ) {
    for (const w of watched) this.tallies.set(w.name, {});
  }

  start(intervalMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** A last sample, so the CPU figure covers the phase to its end. */
  stop(): ResourceUsage[] {
    clearInterval(this.timer);
    this.sample();
    return this.watched.map((w) => {
      const t = this.tallies.get(w.name)!;
      const cpuTicks = t.firstCpuTicks === undefined ? undefined : t.lastCpuTicks! - t.firstCpuTicks;
      return {
        name: w.name,
        pid: w.pid ?? null,
        peakRssMb: t.peakRssKb === undefined ? null : round1(t.peakRssKb / 1024),
        cpuS: cpuTicks === undefined ? null : round1(cpuTicks / this.ticksPerSecond),
      };
    });
  }

  sample(): void {
    const everyStat = this.watched.some((w) => w.tree && w.pid !== undefined) ? this.allStats() : [];
    for (const w of this.watched) {
      if (w.pid === undefined) continue;
      const members = (w.tree ? processTree(w.pid, everyStat) : [w.pid]).flatMap((pid) => this.reading(pid));
      // a process that is gone keeps the figures it had: its CPU up to then, its peak
      if (!members.some((m) => m.stat.pid === w.pid)) continue;
      const now = combineReadings(w.pid, members);
      const t = this.tallies.get(w.name)!;
      t.firstCpuTicks ??= now.cpuTicks;
      t.lastCpuTicks = now.cpuTicks;
      t.peakRssKb = Math.max(t.peakRssKb ?? 0, now.rssKb);
    }
  }

  private allStats(): ProcStat[] {
    return this.proc.pids().flatMap((pid) => {
      const text = this.proc.stat(pid);
      return text ? [parseProcStat(text)] : [];
    });
  }

  private reading(pid: number): MemberReading[] {
    const stat = this.proc.stat(pid);
    const status = this.proc.status(pid);
    return stat && status ? [{ stat: parseProcStat(stat), memory: parseProcStatus(status) }] : [];
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Runs one phase of the bench while sampling; the figures cover it from start to end. */
export async function whileSampling<T>(watched: readonly WatchedProcess[], work: () => Promise<T>): Promise<{ result: T; resources: ResourceUsage[] }> {
  const sampler = new ProcessSampler(watched);
  sampler.start();
  let result: T;
  try {
    result = await work();
  } catch (err) {
    sampler.stop();
    throw err;
  }
  return { result, resources: sampler.stop() };
}
