import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessageAcceptedPayload, MessagePlaintext } from '@sealpost/contracts';
import { SealedForDevice, sealForDevice } from '@sealpost/crypto';
import { AuditEntry, AuditTrail, PoisonRecordError } from '@sealpost/kafka';
import { boundedBulkWrite, chunks, insertNew, WithId } from '@sealpost/persistence';
import { uniqueBy } from '@sealpost/platform';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeviceJob } from '../../device-dispatch/device-job.schema';
import { DeliveryTiming } from '../../config/delivery-timing';
import { DirectDispatch } from '../../device-dispatch/direct-dispatch';
import { DispatchOwnership, shardOf } from '../../dispatch/dispatch-ownership';
import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { Device } from '../../devices/device.schema';
import { MessageKeys } from '../../messages/message-keys';
import { MessageRecord } from '../../messages/message-record.schema';
import { AdvanceStatusUseCase, StatusMove } from '../../status/advance-status/advance-status.use-case';
import { AnnouncedMessage } from '../../status/status-announcer';
import { STATUS_ERRORS } from '../../status/status-errors';
import { ServiceWindowGate } from '../../service-window/service-window-gate';
import { recipientFields } from '../../webhooks/status-recipient';
import { openMessage } from '../open-message';
import { DispatchPlan, jobFor } from './dispatch-plan';

interface Opened {
  payload: MessageAcceptedPayload;
  message: MessagePlaintext;
}

/**
 * Accepted envelopes become one HPKE-sealed job per device of each recipient, a batch at a time:
 * every envelope is opened first (one failing authentication leaves nothing behind but an audit
 * event), then the batch is stored with one insert of message records and one of jobs, and its
 * statuses move and are announced together. A free-form message the business's service window
 * closes to its customer gets no job and fails with 131047. Redelivery is harmless: records and
 * jobs are keyed by id, and a message whose handling was interrupted before it left `accepted`
 * picks up again.
 */
@Injectable()
export class QueueAcceptedMessagesUseCase {
  private readonly logger = new Logger(QueueAcceptedMessagesUseCase.name);

  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly keys: MessageKeys,
    private readonly businesses: BusinessDirectory,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly audit: AuditTrail,
    private readonly signals: DispatchSignals,
    private readonly ownership: DispatchOwnership,
    private readonly dispatch: DirectDispatch,
    private readonly timing: DeliveryTiming,
    private readonly serviceWindow: ServiceWindowGate,
  ) {}

  /** Resolves with a PoisonRecordError for each payload that can never be delivered, undefined for the rest. */
  async execute(payloads: readonly MessageAcceptedPayload[]): Promise<(PoisonRecordError | undefined)[]> {
    const verdicts: (PoisonRecordError | undefined)[] = payloads.map(() => undefined);
    const opened: Opened[] = [];
    const refused: AuditEntry[] = [];
    for (const [i, payload] of payloads.entries()) {
      const key = await this.keys.for(payload.sealed, payload.recipient_key_id);
      // its key destroyed: retention or erasure already ended it everywhere; storing it again
      // would bring purged data back or send a `failed` after the business heard `delivered`
      if ('missing' in key && key.missing === 'destroyed') {
        refused.push(auditOf(payload, 'expired'));
        continue;
      }
      // a key the keys service never issued cannot have sealed an authentic message
      const result = 'key' in key ? openMessage(key.key, payload.sealed, payload.message_id, payload.business_id) : ({ ok: false, reason: 'tampered' } as const);
      if (result.ok) {
        opened.push({ payload, message: result.message });
        continue;
      }
      refused.push(auditOf(payload, result.reason));
      verdicts[i] = new PoisonRecordError(result.reason === 'tampered' ? 'message envelope failed authentication' : 'authentic message plaintext has an unexpected shape', { message_id: payload.message_id });
    }
    await this.audit.recordMany(refused);
    for (const { payload } of uniqueBy(opened, (o) => o.payload.business_id)) await this.businesses.remember(payload.business_id, payload.business);

    const devices = await this.devicesOf(opened.map((o) => o.payload.recipient));
    const { pending, resumed } = await this.recordNew(opened, devices);
    const closed = await this.serviceWindow.closedTo(pending.map(({ payload, message }) => ({ ...payload, type: message.content.type, accepted_at: new Date(payload.accepted_at) })));
    const sendable = pending.filter(({ payload }) => !closed.has(payload.message_id));
    const tenure = this.ownership.tenure();
    const direct = this.dispatch.accepting ? await this.sendableNow(sendable, devices, tenure.shards) : new Set<string>();
    const plan = new DispatchPlan(this.timing.directLeaseMs);
    for (const { payload, message } of sendable) {
      for (const device of devices.get(payload.recipient) ?? []) {
        const sealed = await this.seal(device, payload.message_id, message);
        if (sealed) plan.add(jobFor(payload, device, sealed), direct.has(device.endpoint_url));
      }
    }
    const repeats = await insertNew(this.jobs, plan.jobs); // a job already there was queued by an earlier attempt
    plan.forget(repeats);
    const settled = await this.settledMeanwhile(resumed);
    if (settled.size > 0) await boundedBulkWrite(this.jobs, plan.withdraw(settled, repeats).map((_id) => ({ deleteOne: { filter: { _id } } })));
    const queued = pending.filter(({ payload }) => !settled.has(payload.message_id));
    // a message sent straight away moves once its POSTs are answered; the others move now
    const moves: StatusMove[] = queued
      .filter(({ payload }) => !plan.sendsNow(payload.message_id))
      .map(({ payload, message: plaintext }) => {
        const message = announced(payload, plaintext);
        if (closed.has(payload.message_id)) return { message, from: 'accepted', target: 'failed', errors: [STATUS_ERRORS.outsideServiceWindow] };
        return plan.queues(payload.message_id) ? { message, from: 'accepted', target: 'sent' } : { message, from: 'accepted', target: 'failed', errors: [STATUS_ERRORS.noDevice] };
      });
    await this.advanceStatus.executeMany(moves);
    if (plan.queuedForPoller) this.signals.notify('device');
    const sendsNow = queued.filter(({ payload }) => plan.sendsNow(payload.message_id));
    await this.dispatch.start(plan.posts, new Map(sendsNow.map(({ payload, message }) => [payload.message_id, { message: announced(payload, message), queuedElsewhere: plan.queues(payload.message_id) }])));
    return verdicts;
  }

  /**
   * The endpoints of this batch it may POST to straight away: of a shard this instance holds, and
   * with nothing waiting for the poller (a new message must not overtake an older retry).
   */
  private async sendableNow(pending: readonly Opened[], devices: ReadonlyMap<string, Device[]>, shards: readonly number[]): Promise<Set<string>> {
    const held = new Set(shards);
    const endpoints = [...new Set(pending.flatMap(({ payload }) => (devices.get(payload.recipient) ?? []).map((d) => d.endpoint_url)))].filter((url) => held.has(shardOf(url)));
    const sendable = new Set<string>();
    for (const slice of chunks(endpoints)) {
      const waiting = await Promise.all(slice.map((url) => this.jobs.exists({ endpoint_url: url, state: 'pending' }).exec()));
      slice.forEach((url, i) => !waiting[i] && sendable.add(url));
    }
    return sendable;
  }

  /**
   * Stores the batch's message records; resolves with those still to queue (new, or interrupted in
   * `accepted`: `resumed`, by message id).
   */
  private async recordNew(opened: readonly Opened[], devices: ReadonlyMap<string, Device[]>): Promise<{ pending: Opened[]; resumed: Set<string> }> {
    const records: WithId<MessageRecord>[] = opened.map(({ payload }) => ({
      _id: payload.message_id,
      message_id: payload.message_id,
      business_id: payload.business_id,
      phone_number_id: payload.business.phone_number_id,
      recipient: payload.recipient,
      recipient_key_id: payload.recipient_key_id,
      sealed: payload.sealed,
      device_ids: (devices.get(payload.recipient) ?? []).map((d) => d.device_id),
      accepted_at: new Date(payload.accepted_at),
      expires_at: new Date(payload.expires_at),
      status: 'accepted',
      sent_at: null,
      delivered_at: null,
      read_at: null,
      failed_at: null,
      webhook_acked_rank: -1,
      announce_due_at: null,
      announce_pending: false,
    }));
    const repeats = await insertNew(this.messages, records);
    const pending = opened.filter((_, i) => !repeats.has(i));
    const resumed = new Set<string>();
    for (const i of repeats) {
      const existing = await this.messages.findOne({ _id: opened[i]!.payload.message_id }, { status: 1 }).lean().exec();
      if (existing?.status !== 'accepted') continue;
      pending.push(opened[i]!);
      resumed.add(opened[i]!.payload.message_id);
    }
    return { pending, resumed };
  }

  /**
   * Of the messages resumed in `accepted`, those an earlier attempt's answered POSTs moved on since
   * (read after this attempt stored its jobs: their move is stored before their jobs are deleted, so
   * a job stored again after that delete is always caught here, and one stored before it was a repeat).
   */
  private async settledMeanwhile(resumed: ReadonlySet<string>): Promise<Set<string>> {
    const settled = new Set<string>();
    for (const id of resumed) {
      const now = await this.messages.findOne({ _id: id }, { status: 1 }).lean().exec();
      if (now?.status !== 'accepted') settled.add(id);
    }
    return settled;
  }

  /** The devices of each recipient: one equality lookup per distinct recipient, a few at a time. */
  private async devicesOf(recipients: readonly string[]): Promise<Map<string, Device[]>> {
    const found = new Map<string, Device[]>();
    for (const slice of chunks([...new Set(recipients)])) {
      const lists = await Promise.all(slice.map((recipient) => this.devices.find({ phone_pseudonym: recipient }).lean().exec()));
      slice.forEach((recipient, i) => found.set(recipient, lists[i]!));
    }
    return found;
  }

  /** HPKE to the device's key (CONTRACT §5); the plaintext copy is wiped once sealed. */
  private async seal(device: Device, messageId: string, message: MessagePlaintext): Promise<SealedForDevice | undefined> {
    const content = Buffer.from(JSON.stringify(message.content), 'utf8');
    try {
      return await sealForDevice(device.public_key, messageId, content);
    } catch {
      // registration rejects unusable keys, so this is a device record gone bad: skip that device
      this.logger.warn({ message_id: messageId, device_id: device.device_id }, 'device public key unusable; device skipped');
      return undefined;
    } finally {
      content.fill(0);
    }
  }
}

function auditOf(payload: MessageAcceptedPayload, reason: 'expired' | 'tampered' | 'malformed'): AuditEntry {
  return {
    type: `message.${reason}`,
    record: { actor: 'service:delivery', action: 'open-envelope', target: payload.message_id, outcome: 'rejected' },
    context: { businessId: payload.business_id, correlationId: payload.message_id },
  };
}

function announced(payload: MessageAcceptedPayload, message: MessagePlaintext): AnnouncedMessage {
  return { message_id: payload.message_id, business_id: payload.business_id, expires_at: new Date(payload.expires_at), recipient_fields: recipientFields(message) };
}
