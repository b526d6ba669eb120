import type { BenchOptions } from './bench-options';
import type { CeilingFigures } from './kafka-ceiling';
import { LatencySummary, summarize } from './percentile';
import { DeliveryPoint, perSecondTimeline, TimelineSecond } from './per-second-timeline';
import type { ResourceUsage } from './process-sampler';

export interface HttpFigures {
  accepted: number;
  /** accepted sends / first request to last acceptance */
  acceptedPerS: number;
  responseMs: LatencySummary;
  retries: Record<string, number>;
}

export interface PrefillFigures {
  messages: number;
  delivered: number;
  /** first submit to last delivery */
  elapsedS: number;
  messagesPerS: number;
}

export interface RunFigures {
  /** how records were offered: kafka batches, kafka or http open loop, http clients */
  mode: string;
  completed: boolean;
  messages: number;
  submitted: number;
  delivered: number;
  /** resends of a message already on its device (at-least-once) */
  duplicates: number;
  /** first submit to last delivery */
  elapsedS: number;
  messagesPerS: number;
  ratioToCeiling: number;
  latencyMs: LatencySummary;
  /** open loop: how far behind its schedule the submitter got (the offered load was not met if large) */
  submitterMaxLagMs?: number;
  http?: HttpFigures;
  resources: ResourceUsage[];
  timeline: TimelineSecond[];
}

export interface BenchReport {
  startedAt: string;
  options: BenchOptions;
  machine: { cpus: number; node: string };
  /** the raw Kafka echo; not measured in the inbound mode, whose messages do not pass through Kafka */
  ceiling?: CeilingFigures & { resources: ResourceUsage[] };
  prefill?: PrefillFigures;
  run: RunFigures;
}

export interface RunInput {
  mode: string;
  messages: number;
  completed: boolean;
  duplicates: number;
  submitted: number;
  submittedAt: readonly number[];
  submitterMaxLagMs?: number;
  deliveries: readonly DeliveryPoint[];
  /** when the run stopped waiting: the end of the clock for a run that delivered nothing */
  endedAt: number;
  ceilingPerS: number;
  http?: { responseMs: readonly number[]; retries: Record<string, number>; accepted: number; lastAcceptedAt: number };
  resources: ResourceUsage[];
}

export function runFigures(input: RunInput): RunFigures {
  const firstSubmitAt = input.submittedAt[0];
  const lastDeliveryAt = input.deliveries.reduce((last, d) => Math.max(last, d.arrivedAt), -Infinity);
  const elapsedS = ((input.deliveries.length > 0 ? lastDeliveryAt : input.endedAt) - firstSubmitAt) / 1000;
  const messagesPerS = elapsedS > 0 ? input.deliveries.length / elapsedS : 0;
  const http = input.http && {
    accepted: input.http.accepted,
    acceptedPerS: input.http.accepted > 0 ? input.http.accepted / ((input.http.lastAcceptedAt - firstSubmitAt) / 1000) : 0,
    responseMs: summarize(input.http.responseMs),
    retries: input.http.retries,
  };
  return {
    mode: input.mode,
    completed: input.completed,
    messages: input.messages,
    submitted: input.submitted,
    delivered: input.deliveries.length,
    duplicates: input.duplicates,
    elapsedS: round(elapsedS, 2),
    messagesPerS: round(messagesPerS, 2),
    ratioToCeiling: input.ceilingPerS > 0 ? round(messagesPerS / input.ceilingPerS, 5) : 0,
    latencyMs: summarize(input.deliveries.map((d) => d.latencyMs)),
    ...(input.submitterMaxLagMs === undefined ? {} : { submitterMaxLagMs: input.submitterMaxLagMs }),
    ...(http ? { http } : {}),
    resources: input.resources,
    timeline: perSecondTimeline(firstSubmitAt, input.submittedAt.filter(Number.isFinite), input.deliveries),
  };
}

/** The lines the bench prints at the end; the JSON file holds the same figures and the timeline. */
export function formatReport(report: BenchReport): string[] {
  const { ceiling, prefill, run } = report;
  const lines = [
    ceiling
      ? `ceiling (raw kafkajs echo, ${ceiling.records} records of ${ceiling.recordBytes} B, ${ceiling.partitions} partitions): ${ceiling.messagesPerS.toFixed(1)} msg/s (${ceiling.elapsedS.toFixed(2)} s)`
      : 'ceiling: not measured (inbound messages go device → delivery → webhook, not through Kafka)',
  ];
  if (prefill) lines.push(`prefill: ${prefill.delivered} messages delivered in ${prefill.elapsedS.toFixed(1)} s (${prefill.messagesPerS.toFixed(1)} msg/s) before the run`);
  lines.push(
    `run (${run.mode}): ${run.delivered} of ${run.messages} delivered in ${run.elapsedS.toFixed(1)} s${run.completed ? '' : ` — INCOMPLETE: gave up after ${report.options.timeoutS} s`}`,
    `  sustained: ${run.messagesPerS.toFixed(1)} msg/s${ceiling ? ` = ${(run.ratioToCeiling * 100).toFixed(2)} % of the ceiling` : ''}`,
    `  ${latencyPath(report.options)} latency: ${latency(run.latencyMs)}`,
  );
  if (run.http) {
    const retries = Object.entries(run.http.retries).map(([why, n]) => `${why}×${n}`).join(', ') || 'none';
    lines.push(`  ${report.options.inbound ? 'device POSTs' : 'http'}: ${run.http.accepted} accepted, ${run.http.acceptedPerS.toFixed(1)} sends/s; response ${latency(run.http.responseMs)}; retries: ${retries}`);
  }
  if (run.submitterMaxLagMs !== undefined) lines.push(`  open loop: the submitter ran up to ${run.submitterMaxLagMs} ms behind its schedule`);
  lines.push(`  duplicates: ${run.duplicates}`, '  resources during the run (peak RSS, CPU):');
  for (const r of run.resources) {
    const figures = r.pid === null ? 'not found' : `${fmt(r.peakRssMb, 'MB')}  ${fmt(r.cpuS, 's CPU')}`;
    const note = r.pid !== null && RESOURCE_NOTES[r.name] ? `  (${RESOURCE_NOTES[r.name]})` : '';
    lines.push(`    ${r.name.padEnd(10)} ${figures}${note}`);
  }
  return lines;
}

/** What the latency spans: from the business's submit to the device, or, inbound, from the device's send to the business's webhook. */
export function latencyPath(options: Pick<BenchOptions, 'inbound'>): string {
  return options.inbound ? 'device→webhook' : 'submit→device';
}

/** What a row covers, where its name does not say it all. */
const RESOURCE_NOTES: Record<string, string> = {
  postgres: 'postmaster and backends, shared memory once',
  bench: 'this process: submitter, fake devices, webhook receiver',
};

const latency = (l: LatencySummary) => (l.count === 0 ? 'nothing delivered' : `p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`);
const fmt = (n: number | null, unit: string) => (n === null ? '—'.padStart(8) : `${n.toFixed(1).padStart(8)} ${unit}`);
const round = (n: number, digits: number) => Number(n.toFixed(digits));
