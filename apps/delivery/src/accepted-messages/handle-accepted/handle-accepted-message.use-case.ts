import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessageAcceptedPayload, MessagePlaintext } from '@sealpost/contracts';
import { SealedForDevice, sealForDevice } from '@sealpost/crypto';
import { AuditTrail, PoisonRecordError } from '@sealpost/kafka';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeviceJob } from '../../device-dispatch/device-job.schema';
import { shardOf } from '../../dispatch/dispatch-ownership';
import { Device } from '../../devices/device.schema';
import { MessageKeys } from '../../messages/message-keys';
import { MessageRecord } from '../../messages/message-record.schema';
import { AdvanceStatusUseCase } from '../../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../../status/status-errors';
import { unixSeconds } from '../../status/status-steps';
import { openMessage } from '../open-message';

/**
 * An accepted envelope becomes one HPKE-sealed job per device of the recipient. It is opened
 * first: an envelope that fails authentication leaves nothing behind but an audit event.
 * Redelivery of the same record is harmless: the record, jobs and status are all idempotent,
 * and a record whose handling was interrupted picks up where it stopped.
 */
@Injectable()
export class HandleAcceptedMessageUseCase {
  private readonly logger = new Logger(HandleAcceptedMessageUseCase.name);

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

  async execute(payload: MessageAcceptedPayload): Promise<void> {
    const key = await this.keys.for(payload.sealed, payload.recipient_key_id);
    if ('missing' in key && key.missing === 'destroyed') return this.expired(payload);
    // a key the keys service never issued cannot have sealed an authentic message
    const opened = 'key' in key ? openMessage(key.key, payload.sealed, payload.message_id, payload.business_id) : ({ ok: false, reason: 'tampered' } as const);
    if (!opened.ok) return this.reject(payload, opened.reason);

    await this.businesses.remember(payload.business_id, payload.business);
    if ((await this.record(payload)) === 'handled') return;
    const devices = await this.devices.find({ phone_pseudonym: payload.recipient }).lean().exec();
    let queued = 0;
    for (const device of devices) if (await this.queue(payload, device, opened.message)) queued++;
    if (queued > 0) this.signals.notify('device');
    if (queued === 0) {
      await this.advanceStatus.execute(payload.message_id, 'failed', [STATUS_ERRORS.noDevice]);
      return;
    }
    await this.advanceStatus.execute(payload.message_id, 'sent');
  }

  private async reject(payload: MessageAcceptedPayload, reason: 'tampered' | 'malformed'): Promise<never> {
    const context = { businessId: payload.business_id, correlationId: payload.message_id };
    await this.audit.record(`message.${reason}`, { actor: 'service:delivery', action: 'open-envelope', target: payload.message_id, outcome: 'rejected' }, context);
    throw new PoisonRecordError(reason === 'tampered' ? 'message envelope failed authentication' : 'authentic message plaintext has an unexpected shape', { message_id: payload.message_id });
  }

  /**
   * Its key is destroyed: retention or erasure has already ended this message in every service
   * (and reported it). Nothing is stored again, so a copy replayed from Kafka or a backup can
   * neither bring purged data back nor send a `failed` after the business heard `delivered`.
   */
  private async expired(payload: MessageAcceptedPayload): Promise<void> {
    const context = { businessId: payload.business_id, correlationId: payload.message_id };
    await this.audit.record('message.expired', { actor: 'service:delivery', action: 'open-envelope', target: payload.message_id, outcome: 'rejected' }, context);
  }

  /** 'new', or 'resume' when an earlier attempt stopped before the message left `accepted`. */
  private async record(payload: MessageAcceptedPayload): Promise<'new' | 'resume' | 'handled'> {
    try {
      await this.messages.create({
        message_id: payload.message_id,
        business_id: payload.business_id,
        phone_number_id: payload.business.phone_number_id,
        recipient: payload.recipient,
        recipient_key_id: payload.recipient_key_id,
        sealed: payload.sealed,
        accepted_at: new Date(payload.accepted_at),
        expires_at: new Date(payload.expires_at),
        status: 'accepted',
        webhook_acked_rank: -1,
      });
      return 'new';
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const existing = await this.messages.findOne({ message_id: payload.message_id }, { status: 1 }).lean().exec();
      return existing?.status === 'accepted' ? 'resume' : 'handled';
    }
  }

  private async queue(payload: MessageAcceptedPayload, device: Device, message: MessagePlaintext): Promise<boolean> {
    const sealed = await this.seal(device, payload.message_id, message);
    if (!sealed) return false;
    try {
      await this.jobs.create({
        job_id: `${payload.message_id}:${device.device_id}`,
        message_id: payload.message_id,
        business_id: payload.business_id,
        device_id: device.device_id,
        endpoint_url: device.endpoint_url,
        shard: shardOf(device.endpoint_url),
        phone_number_id: payload.business.phone_number_id,
        timestamp: unixSeconds(new Date(payload.accepted_at)),
        sealed,
        state: 'pending',
        attempts: 0,
        next_attempt_at: new Date(),
        expires_at: new Date(payload.expires_at),
        created_at: new Date(),
      });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err; // 11000: queued by an earlier attempt
    }
    return true;
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
