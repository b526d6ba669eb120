import type { DeviceMessageItem } from '@sealpost/testing';
import type { BenchOptions } from './bench-options';
import { PrefillFigures, RunFigures, runFigures } from './bench-report';
import { DeliveryTracker } from './delivery-tracker';
import type { HttpSubmitter } from './http-submitter';
import type { InboundSubmitter } from './inbound-submitter';
import type { KafkaSubmitter } from './kafka-submitter';
import { openedDeliveries, OpenItem } from './opened-deliveries';
import { runPhase } from './pipeline-phase';
import { describeMode, kafkaSubmitter, measuredSubmitter, SubmitContext } from './pipeline-submitters';
import { WatchedProcess, whileSampling } from './process-sampler';
import type { Recipient } from './recipients';

export interface PhaseContext {
  submit: SubmitContext;
  recipients: readonly Recipient[];
  tracker: DeliveryTracker<DeviceMessageItem>;
  options: BenchOptions;
  log: (line: string) => void;
}

/**
 * The same pipeline, run to completion before measuring, so the store holds what a busy month
 * leaves (messages, device jobs, outcomes, audit events). Always Kafka in batches: the fastest
 * way to get there, and the stored data is the same whichever way a message came in.
 */
export async function prefill(ctx: PhaseContext): Promise<PrefillFigures> {
  const { options } = ctx;
  const submitter = kafkaSubmitter(ctx.submit, 'prefill', options.prefill, { batch: options.batch });
  const outcome = await runPhase(ctx.tracker, submitter, { name: 'prefill', total: options.prefill, deadline: { withoutDeliveryMs: options.timeoutS * 1000 } }, ctx.log);
  if (!outcome.completed) throw new Error(`the prefill stalled: ${outcome.arrivals.length} of ${options.prefill} delivered, then none for ${options.timeoutS} s`);
  const lastAt = outcome.arrivals.reduce((last, a) => Math.max(last, a.arrivedAt), submitter.submittedAt[0]);
  const elapsedS = (lastAt - submitter.submittedAt[0]) / 1000;
  ctx.log(`prefill: ${options.prefill} messages delivered in ${elapsedS.toFixed(1)} s`);
  return { messages: options.prefill, delivered: outcome.arrivals.length, elapsedS, messagesPerS: elapsedS > 0 ? outcome.arrivals.length / elapsedS : 0 };
}

/** The measured run: resources sampled while it runs, latency measured from the opened bodies after. */
export function measuredRun(ctx: PhaseContext, watched: readonly WatchedProcess[], ceilingPerS: number): Promise<RunFigures> {
  const open = (a: { inbox: number; item: DeviceMessageItem }) => ctx.recipients[a.inbox].device.open(a.item);
  return measurePhase({ tracker: ctx.tracker, submitter: measuredSubmitter(ctx.submit, 'bench', ctx.options), open, ceilingPerS }, ctx.options, watched, ctx.log);
}

/** A measured phase: who sends, where deliveries are counted, and how an item is tied back to its send. */
export interface MeasuredPhase<Item extends { message_id: string }> {
  tracker: DeliveryTracker<Item>;
  submitter: KafkaSubmitter | HttpSubmitter | InboundSubmitter;
  /** the item's body with the text that carries its tag (opened with the device's key where sealed) */
  open: OpenItem<Item>;
  /** 0 where no ceiling was measured */
  ceilingPerS: number;
}

/** Runs the phase with resources sampled, then ties each first arrival to its send through its tag (after the run: opens cost CPU). */
export async function measurePhase<Item extends { message_id: string }>(phase: MeasuredPhase<Item>, options: BenchOptions, watched: readonly WatchedProcess[], log: (line: string) => void): Promise<RunFigures> {
  const { submitter } = phase;
  const { result: outcome, resources } = await whileSampling(watched, () =>
    runPhase(phase.tracker, submitter, { name: 'run', total: options.messages, deadline: { afterStartMs: options.timeoutS * 1000 } }, log),
  );
  const endedAt = Date.now();
  log(`opening ${outcome.arrivals.length} delivered messages to tie each to its submit`);
  const { points, foreign } = await openedDeliveries(outcome.arrivals, phase.open, 'bench', submitter.submittedAt);
  if (foreign > 0) log(`${foreign} delivered messages were not this run's (left out)`);
  return runFigures({
    mode: describeMode(options),
    messages: options.messages,
    completed: outcome.completed,
    duplicates: outcome.duplicates,
    submitted: submitter.submitted,
    submittedAt: submitter.submittedAt,
    submitterMaxLagMs: options.rate === undefined ? undefined : Math.round(submitter.maxLagMs),
    deliveries: points,
    endedAt,
    ceilingPerS: phase.ceilingPerS,
    http: 'responseMs' in submitter ? { responseMs: submitter.responseMs, retries: submitter.retries, accepted: submitter.submitted, lastAcceptedAt: submitter.lastAcceptedAt } : undefined,
    resources,
  });
}
