/** What a benchmark needs from /proc/<pid>/stat. CPU times are in clock ticks (see clockTicksPerSecond). */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime: this process's own CPU */
  cpuTicks: number;
  /** cutime + cstime: CPU of children it has reaped (PostgreSQL backends that exited) */
  reapedChildTicks: number;
}

/** What a benchmark needs from /proc/<pid>/status, in kB. */
export interface ProcMemory {
  rssKb: number;
  /** the shared-memory part of the RSS (PostgreSQL's shared buffers, mapped by every backend) */
  shmemKb: number;
}

export function parseProcStat(text: string): ProcStat {
  // the command name sits in parentheses and may itself hold spaces and parentheses
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  // fields from the third on (state); field n of proc(5) is at n - 3
  const fields = text.slice(close + 2).trim().split(/\s+/).map(Number);
  const field = (n: number) => fields[n - 3];
  return { pid, ppid: field(4), cpuTicks: field(14) + field(15), reapedChildTicks: field(16) + field(17) };
}

export function parseProcStatus(text: string): ProcMemory {
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  // a zombie has no VmRSS line: it holds no memory any more
  return { rssKb: kb('VmRSS'), shmemKb: kb('RssShmem') };
}

/** Every pid under root (root included), from the ppid of each process. */
export function processTree(root: number, stats: readonly ProcStat[]): number[] {
  const children = new Map<number, number[]>();
  for (const s of stats) {
    const siblings = children.get(s.ppid) ?? [];
    siblings.push(s.pid);
    children.set(s.ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export interface MemberReading {
  stat: ProcStat;
  memory: ProcMemory;
}

/**
 * One reading of a process, or of a tree of them as one. CPU: each live member's own time plus
 * what the root has reaped, so a backend that exits between samples keeps counting. Memory: the
 * members' private RSS plus shared memory once; summing VmRSS would count PostgreSQL's shared
 * buffers once per backend.
 */
export function combineReadings(rootPid: number, members: readonly MemberReading[]): { cpuTicks: number; rssKb: number } {
  let cpuTicks = 0;
  let privateKb = 0;
  let sharedKb = 0;
  for (const { stat, memory } of members) {
    cpuTicks += stat.cpuTicks + (stat.pid === rootPid ? stat.reapedChildTicks : 0);
    privateKb += memory.rssKb - memory.shmemKb;
    sharedKb = Math.max(sharedKb, memory.shmemKb);
  }
  return { cpuTicks, rssKb: privateKb + sharedKb };
}
