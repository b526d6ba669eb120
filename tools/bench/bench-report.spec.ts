import { parseBenchOptions } from './bench-options';
import { BenchReport, formatReport, runFigures, RunInput } from './bench-report';

const input: RunInput = {
  mode: 'kafka, batches of 200',
  messages: 4,
  completed: true,
  duplicates: 1,
  submitted: 4,
  submittedAt: [10_000, 10_000, 10_500, 11_000],
  deliveries: [
    { arrivedAt: 10_400, latencyMs: 400 },
    { arrivedAt: 11_200, latencyMs: 1200 },
    { arrivedAt: 11_900, latencyMs: 1400 },
    { arrivedAt: 12_000, latencyMs: 1000 },
  ],
  endedAt: 12_100,
  ceilingPerS: 1000,
  resources: [
    { name: 'ingestion', pid: 10, peakRssMb: 210.4, cpuS: 12.3 },
    { name: 'postgres', pid: 20, peakRssMb: 300, cpuS: 4 },
    { name: 'kafka', pid: null, peakRssMb: null, cpuS: null },
  ],
};

describe('runFigures', () => {
  it('measures sustained msg/s from the first submit to the last delivery, against the ceiling', () => {
    const run = runFigures(input);
    expect(run.elapsedS).toBe(2);
    expect(run.messagesPerS).toBe(2);
    expect(run.ratioToCeiling).toBe(0.002);
    expect(run.latencyMs).toEqual({ count: 4, p50: 1000, p99: 1400, max: 1400 });
    expect(run.timeline.map((s) => [s.submitted, s.delivered])).toEqual([[3, 1], [1, 2], [0, 1]]);
  });

  it('measures a run that delivered nothing up to when it gave up', () => {
    const run = runFigures({ ...input, completed: false, deliveries: [] });
    expect(run).toMatchObject({ delivered: 0, elapsedS: 2.1, messagesPerS: 0, latencyMs: { count: 0 } });
  });

  it('adds the HTTP figures with --http', () => {
    const run = runFigures({ ...input, http: { responseMs: [5, 9, 7, 30], retries: { 429: 2 }, accepted: 4, lastAcceptedAt: 12_000 } });
    expect(run.http).toEqual({ accepted: 4, acceptedPerS: 2, responseMs: { count: 4, p50: 7, p99: 30, max: 30 }, retries: { 429: 2 } });
  });
});

describe('formatReport', () => {
  const report: BenchReport = {
    startedAt: '2026-11-27T10:00:00.000Z',
    options: parseBenchOptions([]),
    machine: { cpus: 2, node: 'v20' },
    ceiling: { records: 4, recordBytes: 262, partitions: 6, elapsedS: 0.004, messagesPerS: 1000, resources: [] },
    run: runFigures(input),
  };

  it('prints throughput, its share of the ceiling, latency and every process', () => {
    const text = formatReport(report).join('\n');
    expect(text).toContain('ceiling (raw kafkajs echo, 4 records of 262 B, 6 partitions): 1000.0 msg/s');
    expect(text).toContain('run (kafka, batches of 200): 4 of 4 delivered in 2.0 s');
    expect(text).toContain('sustained: 2.0 msg/s = 0.20 % of the ceiling');
    expect(text).toContain('submit→device latency: p50 1000 ms, p99 1400 ms, max 1400 ms');
    expect(text).toMatch(/ingestion +210\.4 MB +12\.3 s CPU/);
    expect(text).toContain('postmaster and backends');
    expect(text).toMatch(/kafka +not found/);
  });

  it('prints an inbound run without a ceiling, its latency device→webhook and the devices\' POSTs', () => {
    const run = runFigures({ ...input, mode: 'inbound, 2 devices writing one message at a time each', ceilingPerS: 0, http: { responseMs: [5, 9, 7, 30], retries: {}, accepted: 4, lastAcceptedAt: 12_000 } });
    const text = formatReport({ ...report, ceiling: undefined, options: parseBenchOptions(['--inbound']), run }).join('\n');
    expect(text).toContain('ceiling: not measured');
    expect(text).toContain('sustained: 2.0 msg/s\n');
    expect(text).toContain('device→webhook latency: p50 1000 ms, p99 1400 ms, max 1400 ms');
    expect(text).toContain('device POSTs: 4 accepted, 2.0 sends/s; response p50 7 ms');
    expect(text).toMatch(/ingestion +210\.4 MB +12\.3 s CPU/);
  });

  it('says when a run gave up', () => {
    const text = formatReport({ ...report, run: { ...report.run, completed: false } }).join('\n');
    expect(text).toContain('INCOMPLETE: gave up after 900 s');
  });
});
