import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessageAcceptedPayload, MessagePlaintext } from '@sealpost/contracts';
import { SealedForDevice, sealForDevice } from '@sealpost/crypto';
import { AuditEntry, AuditTrail, PoisonRecordError } from '@sealpost/kafka';
import { chunks, insertNew, WithId } from '@sealpost/persistence';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeviceJob } from '../../device-dispatch/device-job.schema';
import { RELEASED } from '../../dispatch/lease';
import { shardOf } from '../../dispatch/dispatch-ownership';
import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { Device } from '../../devices/device.schema';
import { MessageKeys } from '../../messages/message-keys';
import { MessageRecord } from '../../messages/message-record.schema';
import { AdvanceStatusUseCase, StatusMove } from '../../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../../status/status-errors';
import { unixSeconds } from '../../status/status-steps';
import { openMessage } from '../open-message';

interface Opened {
  payload: MessageAcceptedPayload;
  message: MessagePlaintext;
}

/**
 * Accepted envelopes become one HPKE-sealed job per device of each recipient, a batch at a time:
 * every envelope is opened first (one failing authentication leaves nothing behind but an audit
 * event), then the batch is stored with one insert of message records and one of jobs, and its
 * statuses move and are announced together. Redelivery is harmless: records and jobs are keyed
 * by id, and a message whose handling was interrupted before it left `accepted` picks up again.
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

    const pending = await this.recordNew(opened);
    const devices = await this.devicesOf(pending.map((o) => o.payload.recipient));
    const jobs: WithId<DeviceJob>[] = [];
    const moves: StatusMove[] = [];
    for (const { payload, message } of pending) {
      const queued = await this.jobsFor(payload, message, devices.get(payload.recipient) ?? []);
      jobs.push(...queued);
      const announced = { message_id: payload.message_id, business_id: payload.business_id, expires_at: new Date(payload.expires_at) };
      moves.push(queued.length > 0 ? { message: announced, from: 'accepted', target: 'sent' } : { message: announced, from: 'accepted', target: 'failed', errors: [STATUS_ERRORS.noDevice] });
    }
    await insertNew(this.jobs, jobs); // a job already there was queued by an earlier attempt
    if (jobs.length > 0) this.signals.notify('device');
    await this.advanceStatus.executeMany(moves);
    return verdicts;
  }

  /** Stores the batch's message records; resolves with those still to queue (new, or interrupted in `accepted`). */
  private async recordNew(opened: readonly Opened[]): Promise<Opened[]> {
    const records: WithId<MessageRecord>[] = opened.map(({ payload }) => ({
      _id: payload.message_id,
      message_id: payload.message_id,
      business_id: payload.business_id,
      phone_number_id: payload.business.phone_number_id,
      recipient: payload.recipient,
      recipient_key_id: payload.recipient_key_id,
      sealed: payload.sealed,
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
    for (const i of repeats) {
      const existing = await this.messages.findOne({ message_id: opened[i]!.payload.message_id }, { status: 1 }).lean().exec();
      if (existing?.status === 'accepted') pending.push(opened[i]!);
    }
    return pending;
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

  private async jobsFor(payload: MessageAcceptedPayload, message: MessagePlaintext, devices: readonly Device[]): Promise<WithId<DeviceJob>[]> {
    const jobs: WithId<DeviceJob>[] = [];
    const now = new Date();
    for (const device of devices) {
      const sealed = await this.seal(device, payload.message_id, message);
      if (!sealed) continue;
      const jobId = `${payload.message_id}:${device.device_id}`;
      jobs.push({
        _id: jobId,
        job_id: jobId,
        message_id: payload.message_id,
        business_id: payload.business_id,
        device_id: device.device_id,
        endpoint_url: device.endpoint_url,
        shard: shardOf(device.endpoint_url),
        phone_number_id: payload.business.phone_number_id,
        timestamp: unixSeconds(new Date(payload.accepted_at)),
        sealed,
        state: 'pending',
        failure: null,
        report_due_at: null,
        report_pending: false,
        report_token: null,
        attempts: 0,
        next_attempt_at: now,
        ...RELEASED,
        expires_at: new Date(payload.expires_at),
        created_at: now,
      });
    }
    return jobs;
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

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
