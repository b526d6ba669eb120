import { parseArgs } from 'node:util';
import { startTestInfra, Suite, testInfraControl } from '@sealpost/testing';
import { CHAOS_SUITE_ENV, formatReport, runChaos } from './chaos-run';
import { FAULT_NAMES, FaultName, SCALE_OUT_FAULTS } from './faults';

const USAGE = `usage: npm run chaos -- [--duration SECONDS] [--rate MSG_PER_S] [--recipients N] [--faults a,b,…] [--instances N]
  faults: ${FAULT_NAMES.join(', ')} (default: all, in this order)
  --instances 2 runs two delivery and two ingestion processes (the kill faults hit the first), and allows
          ${SCALE_OUT_FAULTS.join(', ')}: the last instance dies for good and its partitions move`;

const log = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/**
 * `npm run chaos`: its own embedded Kafka + FerretDB and five services, steady load, every
 * fault in turn, then the invariants. Exit 0 only when nothing was lost or doubled.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '120' },
      rate: { type: 'string', default: '3' },
      recipients: { type: 'string', default: '12' },
      faults: { type: 'string', default: FAULT_NAMES.join(',') },
      instances: { type: 'string', default: '1' },
    },
  });
  const faults = values.faults.split(',').filter(Boolean) as FaultName[];
  const unknown = faults.filter((f) => !(FAULT_NAMES as readonly string[]).includes(f) && !(SCALE_OUT_FAULTS as readonly string[]).includes(f));
  const numbers = [values.duration, values.rate, values.recipients, values.instances].map(Number);
  if (unknown.length > 0 || numbers.some((n) => !Number.isFinite(n) || n <= 0)) {
    process.stderr.write(`${unknown.length ? `unknown fault(s): ${unknown.join(', ')}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const [duration, rate, recipients, instances] = numbers;
  log('starting infrastructure and the services');
  process.env.TEST_INFRA ??= 'embedded';
  const infra = await startTestInfra();
  const suite = await Suite.start({ env: CHAOS_SUITE_ENV, instances: { delivery: instances, ingestion: instances } });
  const abort = () => void suite.stop().then(() => infra.teardown()).finally(() => process.exit(130));
  process.once('SIGINT', abort);
  try {
    const report = await runChaos(suite, infra.info, testInfraControl(infra.info), {
      durationMs: duration * 1000,
      ratePerSecond: rate,
      recipients,
      faults,
      holdMs: 5000,
      quiesceMs: 180000,
    }, log);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.passed ? 0 : 1;
  } finally {
    await suite.stop();
    await infra.teardown();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`chaos failed to run: ${err.message}\n`);
    process.exit(1);
  },
);
