import { join } from 'node:path';
import { FakeDevice, FakeWebhookReceiver, SealpostClient, SubmitProducer, Suite, TestInfraControl, TestInfraInfo, testKafka, waitFor } from '@sealpost/testing';
import { FaultName, FaultOutcome, injectFault } from './faults';
import { readPinnedKey } from '../audit-verify/pinned-key';
import { Arrival, auditFindings, AuditFindings, consumerLag, deliveryFindings, DeliveryFindings, DeviceTally, FaultTimeline, pendingWork } from './invariants';
import { LoadGenerator, Recipient } from './load-generator';

export interface ChaosOptions {
  durationMs: number;
  ratePerSecond: number;
  recipients: number;
  faults: readonly FaultName[];
  /** how long an outage lasts */
  holdMs: number;
  /** how long to wait for the suite to drain after the load stops */
  quiesceMs: number;
  /** runs just before a fault is injected, e.g. to look at the suite while it is still whole */
  beforeFault?: (fault: FaultName) => Promise<void>;
}

/** The variables a chaos suite runs with: short timeouts and retries, so outages heal within a run. */
export const CHAOS_SUITE_ENV = {
  SEALPOST_WEBHOOK_TIMEOUT: 'PT1S',
  SEALPOST_DELIVERY_TIMEOUT: 'PT2S',
  SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S',
  SEALPOST_DELIVERY_RETRY_MAX: 'PT2S',
  SEALPOST_AUDIT_CHECKPOINT_INTERVAL: 'PT5S',
};

export interface ChaosReport {
  submitted: number;
  accepted: number;
  refused: string[];
  delivery: DeliveryFindings;
  audit: AuditFindings;
  pending: { deviceJobs: number; webhooks: number };
  lag: Record<string, number>;
  faults: FaultOutcome[];
  longestRecoveryMs: number;
  passed: boolean;
}

type Log = (line: string) => void;

async function openedTally(devices: FakeDevice[], ids: Map<object, string>, cache: WeakMap<object, string>): Promise<DeviceTally> {
  const tally: DeviceTally = new Map();
  for (const device of devices) {
    const arrivals = new Map<string, Arrival[]>();
    for (const item of device.received) {
      if (!cache.has(item)) cache.set(item, ((await device.open(item)) as { text: { body: string } }).text.body);
      const tag = cache.get(item)!;
      arrivals.set(tag, [...(arrivals.get(tag) ?? []), { messageId: item.message_id, at: device.arrivalOf(item) }]);
    }
    tally.set(ids.get(device)!, arrivals);
  }
  return tally;
}

/**
 * Steady load through the suite while faults are injected one after another, then a wait for
 * quiescence and the invariants: nothing lost, nothing doubled, statuses forward only and
 * reported, the audit chain whole with each message event once, no work or lag left.
 */
export async function runChaos(suite: Suite, infra: TestInfraInfo, control: TestInfraControl, options: ChaosOptions, log: Log): Promise<ChaosReport> {
  const client = new SealpostClient(suite);
  const receiver = await FakeWebhookReceiver.start();
  const business = await client.onboard(receiver.url, 1000, 'Chaos Co');
  receiver.setAppSecret(business.app_secret);
  const recipients: Recipient[] = [];
  for (let i = 0; i < options.recipients; i++) {
    // every fourth recipient has two devices: each must get the message once
    const devices = await Promise.all(Array.from({ length: i % 4 === 0 ? 2 : 1 }, () => FakeDevice.start()));
    const phone = `+1202555${String(2000 + i).padStart(4, '0')}`;
    for (const d of devices) await client.registerDevice(phone, d.url, d.publicKey);
    recipients.push({ phone, devices });
  }
  const devices = recipients.flatMap((r) => r.devices);
  const deviceIds = new Map<object, string>(devices.map((d, i) => [d, `device-${i}`]));
  const producer = await SubmitProducer.connect(testKafka('business', infra));
  const load = new LoadGenerator(client, producer, business, recipients, options.ratePerSecond);
  const opened = new WeakMap<object, string>();
  try {
    log(`load: ${options.ratePerSecond} msg/s over HTTP and Kafka to ${recipients.length} recipients (${devices.length} devices) for ${options.durationMs / 1000} s`);
    load.start();
    const timeline: FaultTimeline = { startedAt: Date.now(), faults: [] };
    const outcomes: FaultOutcome[] = [];
    const gap = options.durationMs / (options.faults.length + 1);
    for (const fault of options.faults) {
      await new Promise((resolve) => setTimeout(resolve, gap));
      await options.beforeFault?.(fault);
      log(`fault: ${fault} (submitted ${load.submissions.length}, accepted ${load.accepted.length})`);
      const from = Date.now();
      const outcome = await injectFault({ suite, control, devices, receiver, holdMs: options.holdMs, slowWebhookMs: 1500, kafka: testKafka('admin', infra) }, fault);
      log(`healed: ${fault}, suite whole again after ${outcome.recoveryMs} ms${outcome.problem ? ` (problem: ${outcome.problem})` : ''}`);
      outcomes.push(outcome);
      timeline.faults.push({ name: fault, from, to: Date.now() });
    }
    await new Promise((resolve) => setTimeout(resolve, gap));
    log(`load stops; waiting for ${load.submissions.length - load.accepted.length} send(s) still retrying`);
    await load.stop(options.quiesceMs);

    log(`quiescence: waiting for ${load.accepted.length} accepted messages to settle`);
    const accepted = load.accepted;
    const crashes = outcomes.flatMap((o) => (o.deliveryCrash ? [o.deliveryCrash] : []));
    let findings = deliveryFindings(accepted, await openedTally(devices, deviceIds, opened), receiver, deviceIds, crashes, timeline);
    let pending = { deviceJobs: -1, webhooks: -1 };
    let lag: Record<string, number> = {};
    const quiesceStarted = Date.now();
    try {
      await waitFor('the suite to settle', async () => {
        findings = deliveryFindings(accepted, await openedTally(devices, deviceIds, opened), receiver, deviceIds, crashes, timeline);
        pending = await pendingWork(infra.mongoUrl);
        lag = await consumerLag(testKafka('admin', infra));
        return findings.lost.length === 0 && findings.statusMissing.length === 0 && pending.deviceJobs === 0 && pending.webhooks === 0 && Object.keys(lag).length === 0;
      }, options.quiesceMs, 1000);
      log(`settled ${((Date.now() - quiesceStarted) / 1000).toFixed(0)} s after the load stopped`);
    } catch {
      log('the suite did not settle before the deadline; reporting what is left');
    }
    const messageIds = new Set(receiver.statuses().filter((s) => s.biz_opaque_callback_data?.startsWith('chaos-')).map((s) => s.id));
    const audit = await auditFindings(suite.url('audit'), suite.adminToken, messageIds, readPinnedKey(join(suite.dataDir, 'audit-signing.key')));
    const longestRecoveryMs = Math.max(0, ...outcomes.map((o) => o.recoveryMs));
    const refused = load.submissions.filter((s) => s.refused).map((s) => s.refused!);
    const problems = outcomes.flatMap((o) => (o.problem ? [o.problem] : []));
    const passed =
      problems.length === 0 &&
      refused.length === 0 && findings.lost.length === 0 && findings.duplicated.length === 0 && findings.statusMissing.length === 0 && findings.backwards.length === 0 &&
      audit.valid && audit.duplicated.length === 0 && pending.deviceJobs === 0 && pending.webhooks === 0 && Object.keys(lag).length === 0;
    return { submitted: load.submissions.length, accepted: accepted.length, refused, delivery: findings, audit, pending, lag, faults: outcomes, longestRecoveryMs, passed };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await Promise.all([...devices.map((d) => d.stop()), receiver.stop()]);
  }
}

export function formatReport(report: ChaosReport): string {
  const d = report.delivery;
  const list = (items: string[]) => (items.length === 0 ? '0' : `${items.length}: ${items.slice(0, 10).join('; ')}${items.length > 10 ? ' …' : ''}`);
  return [
    `${report.passed ? 'PASS' : 'FAIL'}  chaos report`,
    `  messages      submitted ${report.submitted}, accepted ${report.accepted}, delivered ${d.delivered}, failed with a reason ${d.failed}`,
    `  lost          ${list(d.lost)}`,
    `  duplicated    ${list(d.duplicated)}`,
    `  resent after a crash ${list(d.resentAfterCrash)} (allowed: the one POST per device a delivery SIGKILL cut off between its answer and its record)`,
    `  refused sends ${list(report.refused)}`,
    `  statuses      missing ${list(d.statusMissing)}; backwards ${list(d.backwards)}; repeated deliveries of one status (deduped by the business) ${d.webhookRepeats}`,
    `  audit         chain ${report.audit.valid ? 'valid' : `INVALID (${report.audit.reasons.join('; ')})`}; message events recorded twice ${list(report.audit.duplicated)}`,
    `  left over     pending device jobs ${report.pending.deviceJobs}, pending webhooks ${report.pending.webhooks}, consumer lag ${JSON.stringify(report.lag)}`,
    `  faults        ${report.faults.map((f) => `${f.name} (${(f.recoveryMs / 1000).toFixed(1)} s)`).join(', ')}`,
    `  fault problems ${list(report.faults.flatMap((f) => (f.problem ? [f.problem] : [])))}`,
    `  longest recovery ${(report.longestRecoveryMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
