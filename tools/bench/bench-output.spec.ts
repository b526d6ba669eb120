import { parseBenchOptions } from './bench-options';
import { benchChart, outputPaths } from './bench-output';
import { BenchReport, runFigures } from './bench-report';

describe('outputPaths', () => {
  const at = new Date('2026-11-27T10:15:03.456Z');

  it('defaults to .sealpost/bench/<timestamp>.json and .svg under the project', () => {
    expect(outputPaths(undefined, at, '/repo')).toEqual({ json: '/repo/.sealpost/bench/2026-11-27T10-15-03Z.json', svg: '/repo/.sealpost/bench/2026-11-27T10-15-03Z.svg' });
  });

  it('takes a folder, or a .json path with its .svg beside it', () => {
    expect(outputPaths('/tmp/runs', at, '/repo').svg).toBe('/tmp/runs/2026-11-27T10-15-03Z.svg');
    expect(outputPaths('/tmp/a/b.json', at, '/repo')).toEqual({ json: '/tmp/a/b.json', svg: '/tmp/a/b.svg' });
  });
});

describe('benchChart', () => {
  it('charts delivered/s and p50/p99 latency per second', () => {
    const run = runFigures({
      mode: 'kafka, open loop at 2 msg/s', messages: 3, completed: false, duplicates: 0, submitted: 3, submittedAt: [0, 500, 1000],
      deliveries: [{ arrivedAt: 800, latencyMs: 800 }, { arrivedAt: 2100, latencyMs: 1600 }], endedAt: 3000, ceilingPerS: 100, resources: [],
    });
    const report: BenchReport = { startedAt: '2026-11-27T10:15:03.456Z', options: parseBenchOptions([]), machine: { cpus: 2, node: 'v20' }, ceiling: { records: 3, recordBytes: 260, partitions: 6, elapsedS: 0.03, messagesPerS: 100, resources: [] }, run };
    const svg = benchChart(report);
    for (const label of ['delivered/s', 'submitted/s', 'p50', 'p99', 'INCOMPLETE', 'seconds since the first submit']) expect(svg).toContain(label);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('charts an inbound run, which has no ceiling, with its device→webhook latency', () => {
    const run = runFigures({
      mode: 'inbound, 1 device writing one message at a time each', messages: 1, completed: true, duplicates: 0, submitted: 1, submittedAt: [0],
      deliveries: [{ arrivedAt: 50, latencyMs: 50 }], endedAt: 60, ceilingPerS: 0, resources: [],
    });
    const svg = benchChart({ startedAt: '2026-12-07T18:00:00.000Z', options: parseBenchOptions(['--inbound']), machine: { cpus: 2, node: 'v20' }, run });
    expect(svg).toContain('device→webhook latency');
    expect(svg).not.toContain('ceiling');
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
