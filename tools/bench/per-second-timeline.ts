import { percentile } from './percentile';

/** One delivered message: when it reached its device, and how long after its submit. */
export interface DeliveryPoint {
  arrivedAt: number;
  latencyMs: number;
}

/** One second of a run, counted from its first submit. */
export interface TimelineSecond {
  second: number;
  submitted: number;
  delivered: number;
  /** latency of the messages delivered in this second; null when none was */
  p50Ms: number | null;
  p99Ms: number | null;
}

/**
 * Per-second buckets from the run's start to its last event. Latency is bucketed by arrival,
 * so the chart shows what a recipient experienced at that moment of the run.
 */
export function perSecondTimeline(startMs: number, submittedAt: readonly number[], deliveries: readonly DeliveryPoint[]): TimelineSecond[] {
  const bucketOf = (at: number) => Math.max(0, Math.floor((at - startMs) / 1000));
  // a loop, not Math.max(...spread): a long run has more values than a call may take arguments
  let lastAt = startMs;
  for (const at of submittedAt) lastAt = Math.max(lastAt, at);
  for (const d of deliveries) lastAt = Math.max(lastAt, d.arrivedAt);
  const seconds = bucketOf(lastAt) + 1;
  const submitted = new Array<number>(seconds).fill(0);
  const latencies = Array.from({ length: seconds }, () => [] as number[]);
  for (const at of submittedAt) submitted[bucketOf(at)]++;
  for (const d of deliveries) latencies[bucketOf(d.arrivedAt)].push(d.latencyMs);
  return latencies.map((values, second) => {
    values.sort((a, b) => a - b);
    const none = values.length === 0;
    return { second, submitted: submitted[second], delivered: values.length, p50Ms: none ? null : percentile(values, 50), p99Ms: none ? null : percentile(values, 99) };
  });
}
