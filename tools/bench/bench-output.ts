import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BenchReport, latencyPath } from './bench-report';
import { stackedLineChartsSvg } from './svg-chart';

/** <folder>/<ISO timestamp>.json and .svg (colons made dashes for every file system), or --out's .json path and its .svg twin. */
export function outputPaths(out: string | undefined, startedAt: Date, projectRoot: string): { json: string; svg: string } {
  if (out?.endsWith('.json')) {
    const json = resolve(out);
    return { json, svg: json.replace(/\.json$/, '.svg') };
  }
  const folder = out ? resolve(out) : join(projectRoot, '.sealpost', 'bench');
  const stamp = startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return { json: join(folder, `${stamp}.json`), svg: join(folder, `${stamp}.svg`) };
}

/** Delivered/s (with submitted/s for the offered load) and the latency of each second's deliveries. */
export function benchChart(report: BenchReport): string {
  const { run } = report;
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  const title = [
    `Sealpost bench ${report.startedAt.slice(0, 19)}Z: ${run.mode}`,
    `${run.messages} messages to ${report.options.recipients} recipients${report.prefill ? ` after a prefill of ${report.prefill.messages}` : ''}` +
      `${run.completed ? '' : `, INCOMPLETE: ${run.delivered} delivered`}`,
    `${run.messagesPerS.toFixed(1)} msg/s sustained${report.ceiling ? ` = ${(run.ratioToCeiling * 100).toFixed(2)} % of the Kafka ceiling (${report.ceiling.messagesPerS.toFixed(0)} msg/s)` : ''}; ` +
      `latency p50 ${run.latencyMs.p50 ?? '–'} ms, p99 ${run.latencyMs.p99 ?? '–'} ms`,
  ];
  return stackedLineChartsSvg(title, 'seconds since the first submit', [
    {
      title: `messages per second (${run.delivered} of ${run.messages} delivered)`,
      yLabel: 'messages/s',
      series: [
        { name: 'submitted/s', color: '#999999', values: run.timeline.map((s) => s.submitted) },
        { name: 'delivered/s', color: '#1f77b4', values: run.timeline.map((s) => s.delivered) },
      ],
    },
    {
      title: `${latencyPath(report.options)} latency of the messages delivered in each second`,
      yLabel: 'latency (s)',
      series: [
        { name: 'p50', color: '#2ca02c', values: run.timeline.map((s) => seconds(s.p50Ms)) },
        { name: 'p99', color: '#d62728', values: run.timeline.map((s) => seconds(s.p99Ms)) },
      ],
    },
  ]);
}

export function writeBenchFiles(report: BenchReport, paths: { json: string; svg: string }): void {
  mkdirSync(dirname(paths.json), { recursive: true });
  mkdirSync(dirname(paths.svg), { recursive: true });
  writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(paths.svg, benchChart(report));
}
