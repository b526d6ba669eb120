import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { projectRoot } from '@sealpost/infra';
import { kafkaClient, SealpostClient, startTestInfra, Suite, testKafka } from '@sealpost/testing';
import { BenchOptions, parseBenchOptions, USAGE, UsageError } from './bench-options';
import { outputPaths, writeBenchFiles } from './bench-output';
import { measuredRun, PhaseContext, prefill } from './bench-phases';
import { BENCH_PROCESS, findServicePid, infraProcesses, serviceIdentity } from './bench-processes';
import { BenchReport, formatReport } from './bench-report';
import { DeliveryTracker } from './delivery-tracker';
import { inboundRun } from './inbound-phase';
import { formatMediaFigures, MediaFigures, mediaRun } from './media-phase';
import { measureCeiling } from './kafka-ceiling';
import { describeMode } from './pipeline-submitters';
import { whileSampling } from './process-sampler';
import { recipientPhone, setUpAudience } from './recipients';
import { benchTag } from './submit-records';
import { Teardown } from './teardown';

/**
 * `npm run bench`: on one fresh embedded broker and store, first the ceiling (a raw kafkajs echo
 * of the run's records), then the pipeline (signed submits through all five services to real HTTP
 * devices). Prints sustained msg/s, its share of the ceiling, submit→device latency and each
 * process's peak RSS and CPU, and writes them as JSON beside an SVG chart. With --inbound the
 * other way, and no ceiling: the devices write to the business, latency is device→webhook. A
 * benchmark, not a test: it asserts nothing but completion (exit 1 when the run gave up before
 * every delivery).
 */
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Set by Ctrl-C: whatever the interrupted phase then throws is the interruption, not a failure to report. */
let interrupted = false;

async function main(options: BenchOptions): Promise<number> {
  const startedAt = new Date();
  const teardown = new Teardown(log);
  const interrupt = () => {
    interrupted = true;
    log('interrupted: stopping everything the bench started (Ctrl-C again to kill)');
    void teardown.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    log(`${options.messages} messages to ${options.recipients} recipients, ${describeMode(options)}${options.prefill > 0 ? `, after a prefill of ${options.prefill}` : ''}`);
    process.env.TEST_INFRA ??= 'embedded';
    const infra = await startTestInfra();
    teardown.add('the infrastructure', () => infra.teardown());
    const daemons = infraProcesses(infra.info.stateDir);
    const phones = Array.from({ length: options.recipients }, (_, i) => recipientPhone(i));

    // before the services start: the ceiling is the broker and this process alone on the machine
    let ceiling: BenchReport['ceiling'];
    if (!options.inbound && !options.media) {
      log(`ceiling: raw kafkajs echo of ${options.messages} records`);
      const ceilingSpec = { total: options.messages, batch: options.batch, recipients: phones, timeoutMs: options.timeoutS * 1000 };
      const measured = await whileSampling([...daemons, BENCH_PROCESS], () => measureCeiling(testKafka('admin', infra.info), ceilingSpec, (i) => benchTag('bench', i)));
      ceiling = { ...measured.result, resources: measured.resources };
      log(`ceiling: ${ceiling.messagesPerS.toFixed(1)} msg/s`);
    }

    log('starting the five services');
    // Suite.start() as three steps: were one service not to get ready, the others must still be stopped
    const suite = new Suite();
    teardown.add('the services', () => suite.stop());
    for (const service of suite.all()) service.start();
    await Promise.all(suite.all().map((service) => service.waitReady()));
    const audience = await setUpAudience(new SealpostClient(suite), options.recipients, options.businessRate, teardown);
    const producer = kafkaClient(testKafka('business', infra.info), 'business-system').producer();
    await producer.connect();
    teardown.add('the business producer', () => producer.disconnect());
    const ctx: PhaseContext = {
      submit: { producer, business: audience.business, phones, ingestionOrigin: suite.url('ingestion') },
      recipients: audience.recipients,
      tracker: new DeliveryTracker(audience.recipients.map((r) => r.device)),
      options,
      log,
    };
    const prefilled = options.prefill > 0 ? await prefill(ctx) : undefined;

    const services = suite.all().map((p) => ({ name: p.name, pid: findServicePid(serviceIdentity(p.name, p.port)), tree: false }));
    const missing = [...services, ...daemons].filter((w) => w.pid === undefined).map((w) => w.name);
    if (missing.length > 0) log(`no pid found for ${missing.join(', ')}: their resources are not reported`);
    log(`run: ${options.messages} messages, ${describeMode(options)}`);
    const watched = [...services, ...daemons, BENCH_PROCESS];
    if (options.media) return await reportMedia(await mediaRun({ ingestionOrigin: suite.url('ingestion'), business: audience.business, recipients: audience.recipients, options, log }, watched), options, startedAt);
    const run = options.inbound
      ? await inboundRun({ deliveryOrigin: suite.url('delivery'), business: audience.business, recipients: audience.recipients, receiver: audience.receiver, options, log }, watched)
      : await measuredRun(ctx, watched, ceiling?.messagesPerS ?? 0);

    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      options,
      machine: { cpus: cpus().length, node: process.version },
      ...(ceiling ? { ceiling } : {}),
      ...(prefilled ? { prefill: prefilled } : {}),
      run,
    };
    for (const line of formatReport(report)) log(line);
    const paths = outputPaths(options.out, startedAt, projectRoot());
    writeBenchFiles(report, paths);
    log(`figures: ${paths.json}`);
    log(`chart: ${paths.svg}`);
    return run.completed ? 0 : 1;
  } finally {
    await teardown.run();
  }
}

/** The media run's figures, printed and written as JSON (no chart: one run, no per-second series). */
function reportMedia(run: MediaFigures, options: BenchOptions, startedAt: Date): number {
  for (const line of formatMediaFigures(run)) log(line);
  const { json } = outputPaths(options.out, startedAt, projectRoot());
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ startedAt: startedAt.toISOString(), options, machine: { cpus: cpus().length, node: process.version }, run }, null, 2)}\n`);
  log(`figures: ${json}`);
  return run.completed ? 0 : 1;
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${err instanceof UsageError ? USAGE : ''}\n`);
  process.exit(2);
}
main(options).then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  (err: Error) => {
    if (interrupted) return;
    process.stderr.write(`bench failed: ${err.message}\n`);
    process.exit(1);
  },
);
