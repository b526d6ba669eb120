import mongoose from 'mongoose';
import { SERVICES } from '@sealpost/contracts';
import { FakeWebhookReceiver, flattenStatuses, KafkaEndpoint, kafkaClient } from '@sealpost/testing';
import { AuditLogReader } from '../audit-verify/audit-log-reader';
import { verifyLogIndependently } from '../audit-verify/verify-log';
import type { CrashWindow } from './faults';
import type { Submission } from './load-generator';

const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** One copy of a message at a device: its id, and when the POST carrying it arrived (ms since the epoch). */
export interface Arrival {
  messageId: string;
  at: number;
}

/** What the devices saw: per device, the arrivals of each tag (opened with the device's key). */
export type DeviceTally = Map<string, Map<string, Arrival[]>>;

/**
 * How long before a delivery instance's SIGKILL a device may have answered a POST whose outcome the
 * instance had not stored yet: that POST, and only it, goes out again (at-least-once to a device
 * whose answer and its record are not one atomic step; the device sees the same message id twice).
 */
export const CRASH_RESEND_WINDOW_MS = 2000;

/** When the load started, and each fault from its injection to the suite whole again (ms since the epoch): to place a duplicate's copies. */
export interface FaultTimeline {
  startedAt: number;
  faults: { name: string; from: number; to: number }[];
}

export interface DeliveryFindings {
  /** accepted, yet missing on a device of its recipient and not reported failed */
  lost: string[];
  /** (device, tag) pairs that arrived more than once, but for the crash resends below */
  duplicated: string[];
  /** (device, tag) pairs sent twice under one message id, the first time by the one POST per device a delivery SIGKILL cut off */
  resentAfterCrash: string[];
  /** delivered messages whose `delivered` status never reached the business */
  statusMissing: string[];
  /** messages whose statuses arrived in an order that goes backwards */
  backwards: string[];
  /** identical (message, status) webhook entries beyond the first: allowed, as the contract dedupes */
  webhookRepeats: number;
  failed: number;
  delivered: number;
}

export function deliveryFindings(
  accepted: Submission[],
  tally: DeviceTally,
  receiver: FakeWebhookReceiver,
  deviceIds: Map<object, string>,
  crashes: readonly CrashWindow[] = [],
  timeline: FaultTimeline = { startedAt: 0, faults: [] },
): DeliveryFindings {
  const statuses = receiver.statuses();
  const byTag = new Map<string, typeof statuses>();
  for (const s of statuses) if (s.biz_opaque_callback_data) byTag.set(s.biz_opaque_callback_data, [...(byTag.get(s.biz_opaque_callback_data) ?? []), s]);
  const findings: DeliveryFindings = { lost: [], duplicated: [], resentAfterCrash: [], statusMissing: [], backwards: [], webhookRepeats: 0, failed: 0, delivered: 0 };
  const cutOff = new CutOffPosts(crashes);
  for (const submission of accepted) {
    const seen = byTag.get(submission.tag) ?? [];
    const failed = seen.some((s) => s.status === 'failed' && (s.errors?.length ?? 0) > 0);
    const arrivals = submission.recipient.devices.map((d) => ({ device: deviceIds.get(d)!, copies: tally.get(deviceIds.get(d)!)?.get(submission.tag) ?? [] }));
    arrivals.forEach(({ device, copies }, i) => {
      if (copies.length < 2) return;
      const ids = [...new Set(copies.map((c) => c.messageId))];
      // the same id twice is a resend by delivery; different ids are one send accepted twice by ingestion
      const what = `${submission.tag} x${copies.length} on device ${i} of ${submission.recipient.phone} (${ids.length === 1 ? 'resent' : 'accepted twice'}: ${ids.join(', ')}; arrived ${copies.map((c) => placed(c.at, timeline)).join(', ')})`;
      if (ids.length === 1 && copies.length === 2 && cutOff.admits(device, copies[0]!.at)) findings.resentAfterCrash.push(what);
      else findings.duplicated.push(what);
    });
    if (failed) findings.failed++;
    else if (arrivals.every((a) => a.copies.length > 0)) findings.delivered++;
    else findings.lost.push(submission.tag);
    if (!failed && arrivals.every((a) => a.copies.length > 0) && !seen.some((s) => s.status === 'delivered' || s.status === 'read')) findings.statusMissing.push(submission.tag);
    const distinct = [...new Set(seen.map((s) => s.status))];
    findings.webhookRepeats += seen.length - distinct.length;
    if (distinct.some((status, i) => i > 0 && RANK[status] <= RANK[distinct[i - 1]])) {
      findings.backwards.push(`${submission.tag}: ${distinct.join(' → ')} (${statusArrivals(receiver, seen[0]!.id).map(({ status, at }) => `${status} ${placed(at, timeline)}`).join(', ')})`);
    }
  }
  return findings;
}

/** When each acknowledged webhook POST carrying a status of this message arrived, in arrival order. */
function statusArrivals(receiver: FakeWebhookReceiver, messageId: string): { status: string; at: number }[] {
  return receiver.requests
    .filter((r) => r.answeredStatus !== null && r.answeredStatus >= 200 && r.answeredStatus < 300)
    .flatMap((r) => flattenStatuses(r.body, r.signatureValid).filter((s) => s.id === messageId).map((s) => ({ status: s.status, at: r.receivedAt })));
}

/** An arrival placed on the run's timeline: seconds into the load, and the fault under way or last healed. */
export function placed(at: number, timeline: FaultTimeline): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const last = timeline.faults.filter((f) => f.from <= at).at(-1);
  const where = !last ? 'before any fault' : at <= last.to ? `${seconds(at - last.from)} into ${last.name}` : `${seconds(at - last.to)} after ${last.name} healed`;
  return `+${seconds(at - timeline.startedAt)} (${where})`;
}

/** The POSTs a delivery SIGKILL may have cut off between the device's answer and its record: at most one per device and crash. */
class CutOffPosts {
  /** per device and crash: the arrival time of the one POST admitted */
  private readonly admitted = new Map<string, number>();

  constructor(private readonly crashes: readonly CrashWindow[]) {}

  admits(device: string, firstArrival: number): boolean {
    const crash = this.crashes.findIndex((c) => firstArrival >= c.from - CRASH_RESEND_WINDOW_MS && firstArrival <= c.to);
    if (crash === -1) return false;
    const key = `${device} ${crash}`;
    const post = this.admitted.get(key) ?? firstArrival;
    this.admitted.set(key, post);
    return post === firstArrival;
  }
}

export interface AuditFindings {
  valid: boolean;
  reasons: string[];
  /** (message, event type) pairs recorded more than once */
  duplicated: string[];
}

export async function auditFindings(auditUrl: string, adminToken: string, messageIds: Set<string>, pinnedKey: string): Promise<AuditFindings> {
  const reader = new AuditLogReader(auditUrl, adminToken);
  const seen = new Map<string, number>();
  for await (const record of reader.records()) {
    const event = record.event as { type?: string; payload?: { target?: string } };
    const target = event.payload?.target;
    if (event.type?.startsWith('message.') && target && messageIds.has(target)) {
      const key = `${event.type} ${target}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  const verdict = await verifyLogIndependently(reader, pinnedKey);
  return { valid: verdict.valid, reasons: verdict.reasons, duplicated: [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`) };
}

/** Work delivery still owes: device jobs and webhooks pending. Zero once the suite is quiet. */
export async function pendingWork(mongoUrl: string): Promise<{ deviceJobs: number; webhooks: number }> {
  const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const db = connection.useDb(SERVICES.delivery.database).db!;
    const [deviceJobs, webhooks] = await Promise.all([db.collection('device_jobs').countDocuments({ state: { $in: ['pending', 'sending'] } }), db.collection('webhook_outbox').countDocuments({ state: { $in: ['pending', 'sending'] } })]);
    return { deviceJobs, webhooks };
  } finally {
    await connection.close();
  }
}

/** Records not yet consumed by any running (Stable) Sealpost consumer group. */
export async function consumerLag(kafka: KafkaEndpoint): Promise<Record<string, number>> {
  const admin = kafkaClient(kafka, 'sealpost-chaos').admin();
  await admin.connect();
  try {
    const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('sealpost-'));
    const { groups } = await admin.describeGroups(groupIds);
    const lag: Record<string, number> = {};
    for (const group of groups.filter((g) => g.state === 'Stable')) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group.groupId })) {
        const highs = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
        const behind = partitions.reduce((sum, p) => sum + Number((highs.get(p.partition) ?? 0n) - (BigInt(p.offset) < 0n ? 0n : BigInt(p.offset))), 0);
        if (behind > 0) lag[`${group.groupId} ${topic}`] = behind;
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
