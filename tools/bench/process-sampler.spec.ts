import { ProcessSampler, ProcSource } from './process-sampler';

/** A /proc whose processes the test moves forward by hand. */
class FakeProc implements ProcSource {
  readonly procs = new Map<number, { ppid: number; ticks: number; reaped?: number; rssKb: number; shmemKb?: number }>();

  pids(): number[] {
    return [...this.procs.keys()];
  }

  stat(pid: number): string | undefined {
    const p = this.procs.get(pid);
    return p && `${pid} (x) S ${p.ppid} 0 0 0 0 0 0 0 0 0 ${p.ticks} 0 ${p.reaped ?? 0} 0 20 0 1 0 0 0 0`;
  }

  status(pid: number): string | undefined {
    const p = this.procs.get(pid);
    return p && `VmRSS:\t${p.rssKb} kB\nRssShmem:\t${p.shmemKb ?? 0} kB\n`;
  }
}

describe('ProcessSampler', () => {
  it('reports the peak RSS and the CPU spent between the first and the last sample', () => {
    const proc = new FakeProc();
    proc.procs.set(100, { ppid: 1, ticks: 500, rssKb: 1024 });
    const sampler = new ProcessSampler([{ name: 'ingestion', pid: 100, tree: false }], 100, proc);
    sampler.sample();
    proc.procs.set(100, { ppid: 1, ticks: 650, rssKb: 4096 });
    sampler.sample();
    proc.procs.set(100, { ppid: 1, ticks: 800, rssKb: 2048 });
    expect(sampler.stop()).toEqual([{ name: 'ingestion', pid: 100, peakRssMb: 4, cpuS: 3 }]);
  });

  it('counts a tree as one: children that come, and children that exit into the root', () => {
    const proc = new FakeProc();
    proc.procs.set(200, { ppid: 1, ticks: 100, rssKb: 300, shmemKb: 200 });
    proc.procs.set(201, { ppid: 200, ticks: 50, rssKb: 250, shmemKb: 200 });
    proc.procs.set(300, { ppid: 1, ticks: 9999, rssKb: 9999 }); // not in the tree
    const sampler = new ProcessSampler([{ name: 'postgres', pid: 200, tree: true }], 100, proc);
    sampler.sample();
    // the backend exits and is reaped (its 80 ticks move to the root); a new one starts
    proc.procs.delete(201);
    proc.procs.set(200, { ppid: 1, ticks: 120, reaped: 80, rssKb: 300, shmemKb: 200 });
    proc.procs.set(202, { ppid: 200, ticks: 30, rssKb: 260, shmemKb: 210 });
    const [usage] = sampler.stop();
    expect(usage.cpuS).toBe(((120 + 80 + 30) - (100 + 50)) / 100);
    expect(usage.peakRssMb).toBe(Math.round(((100 + 50 + 210) / 1024) * 10) / 10);
  });

  it('reports a process it could not find as unknown, not as idle', () => {
    const sampler = new ProcessSampler([{ name: 'kafka', pid: undefined, tree: false }], 100, new FakeProc());
    sampler.sample();
    expect(sampler.stop()).toEqual([{ name: 'kafka', pid: null, peakRssMb: null, cpuS: null }]);
  });

  it('keeps the figures of a process that exited during the phase', () => {
    const proc = new FakeProc();
    proc.procs.set(100, { ppid: 1, ticks: 0, rssKb: 2048 });
    const sampler = new ProcessSampler([{ name: 'audit', pid: 100, tree: false }], 100, proc);
    sampler.sample();
    proc.procs.set(100, { ppid: 1, ticks: 200, rssKb: 1024 });
    sampler.sample();
    proc.procs.delete(100);
    expect(sampler.stop()).toEqual([{ name: 'audit', pid: 100, peakRssMb: 2, cpuS: 2 }]);
  });
});
