import { combineReadings, parseProcStat, parseProcStatus, processTree, ProcStat } from './proc-stat';

// a real line's shape: 52 fields, utime..cstime at fields 14-17
const statLine = (pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1200 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 11 0 5000 1000000 2000 ${'0 '.repeat(30).trim()}`;

describe('parseProcStat', () => {
  it('reads ppid and CPU ticks', () => {
    expect(parseProcStat(statLine(42, 'node', 7, 150, 50, 3, 4))).toEqual({ pid: 42, ppid: 7, cpuTicks: 200, reapedChildTicks: 7 });
  });

  it('is not confused by spaces and parentheses in the command name', () => {
    expect(parseProcStat(statLine(43, 'postgres: sealpost (idle) x', 1, 10, 5))).toEqual({ pid: 43, ppid: 1, cpuTicks: 15, reapedChildTicks: 0 });
  });
});

describe('parseProcStatus', () => {
  it('reads VmRSS and RssShmem in kB', () => {
    const status = 'Name:\tpostgres\nVmPeak:\t  400000 kB\nVmRSS:\t  262144 kB\nRssAnon:\t    4096 kB\nRssFile:\t    8192 kB\nRssShmem:\t  249856 kB\n';
    expect(parseProcStatus(status)).toEqual({ rssKb: 262144, shmemKb: 249856 });
  });

  it('reads a zombie (no memory lines) as nothing', () => {
    expect(parseProcStatus('Name:\tpostgres\nState:\tZ (zombie)\n')).toEqual({ rssKb: 0, shmemKb: 0 });
  });
});

describe('processTree', () => {
  const stat = (pid: number, ppid: number): ProcStat => ({ pid, ppid, cpuTicks: 0, reapedChildTicks: 0 });

  it('collects the root and all its descendants, not its siblings', () => {
    const stats = [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 10), stat(13, 11), stat(20, 1)];
    expect(processTree(10, stats).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
  });

  it('is the root alone when it has no children', () => {
    expect(processTree(5, [stat(5, 1)])).toEqual([5]);
  });
});

describe('combineReadings', () => {
  it("adds the root's reaped children and counts shared memory once", () => {
    const reading = combineReadings(10, [
      { stat: { pid: 10, ppid: 1, cpuTicks: 100, reapedChildTicks: 40 }, memory: { rssKb: 300, shmemKb: 200 } },
      { stat: { pid: 11, ppid: 10, cpuTicks: 50, reapedChildTicks: 999 }, memory: { rssKb: 250, shmemKb: 220 } },
    ]);
    expect(reading).toEqual({ cpuTicks: 190, rssKb: 100 + 30 + 220 });
  });
});
