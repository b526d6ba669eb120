import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter } from 'mongoose';
import { EraseCommand, PurgeCommand, purgeCutoff } from '@sealpost/contracts';
import { PurgeResult, RetentionHandler } from '@sealpost/retention-client';
import { DeviceJob } from '../device-dispatch/device-job.schema';
import { Device } from '../devices/device.schema';
import { InboundKey } from '../inbound/business-keys/inbound-key.schema';
import { InboundMessage } from '../inbound/inbound-message.schema';
import { InboundMediaRepository } from '../inbound/media/inbound-media.repository';
import { MessageRecord } from '../messages/message-record.schema';
import { CustomerContacts } from '../service-window/customer-contacts';
import { ServiceWindows } from '../service-window/service-windows';
import { AdvanceStatusUseCase } from '../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../status/status-errors';
import { WebhookOutboxEntry } from '../webhooks/webhook-outbox.schema';

const BATCH = 500;

/**
 * Delivery's share of retention (CONTRACT §7). Expired messages go with their device jobs
 * and webhook entries; one still waiting for its device is reported `failed` first, since its
 * retries end here. Customers' inbound messages go by the same cutoff, owed webhooks included.
 * Erasure also removes the number's devices and every message the person sent. A sweep also
 * brings the businesses' service windows; the times customers last wrote go by the same cutoff, and
 * the media customers sent too (uploads no message named go after a day).
 */
@Injectable()
export class DeliveryRetentionHandler implements RetentionHandler {
  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    @InjectModel(InboundKey.name) private readonly inboundKeys: Model<InboundKey>,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly serviceWindows: ServiceWindows,
    private readonly contacts: CustomerContacts,
    private readonly inboundMedia: InboundMediaRepository,
  ) {}

  async purge(command: PurgeCommand): Promise<PurgeResult> {
    if (command.service_windows) await this.serviceWindows.replaceWith(command.service_windows);
    const withPolicy = Object.keys(command.policies);
    const scopes = [
      ...withPolicy.map((businessId) => ({ business: businessId as string | { $nin: string[] }, cutoff: purgeCutoff(command, businessId) })),
      { business: { $nin: withPolicy }, cutoff: new Date(Date.parse(command.issued_at) - command.default_max_age_ms) },
    ];
    let purged = 0;
    let mediaPurged = 0;
    for (const { business, cutoff } of scopes) {
      purged += await this.purgeMessages({ business_id: business, accepted_at: { $lt: cutoff } }, true);
      // webhooks of rejected submissions have no message record: they age out on their own
      await this.outbox.deleteMany({ business_id: business, created_at: { $lt: cutoff } }).exec();
      // customers' messages to the business, their webhooks owed or not (the keys service destroys the keys they were sealed to)
      purged += (await this.inbound.deleteMany({ business_id: business, created_at: { $lt: cutoff } }).exec()).deletedCount;
      await this.inboundKeys.deleteMany({ business_id: business, epoch_end: { $lt: cutoff } }).exec();
      mediaPurged += await this.inboundMedia.purge(cutoff, business);
      await this.contacts.purgeBefore(business, cutoff);
    }
    return { purged, media_purged: mediaPurged };
  }

  async erase(command: EraseCommand): Promise<PurgeResult> {
    let purged = await this.purgeMessages({ recipient: command.recipient }, false);
    purged += (await this.inbound.deleteMany({ recipient: command.recipient }).exec()).deletedCount;
    const mediaPurged = await this.inboundMedia.erase(command.recipient);
    await this.contacts.erase(command.recipient);
    const devices = await this.devices.find({ phone_pseudonym: command.recipient }, { device_id: 1 }).lean().exec();
    await this.jobs.deleteMany({ device_id: { $in: devices.map((d) => d.device_id) } }).exec();
    await this.devices.deleteMany({ phone_pseudonym: command.recipient }).exec();
    return { purged, media_purged: mediaPurged };
  }

  private async purgeMessages(filter: QueryFilter<MessageRecord>, reportUndelivered: boolean): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.messages.find(filter, { message_id: 1, status: 1 }).limit(BATCH).lean().exec();
      if (batch.length === 0) return purged;
      if (reportUndelivered) {
        for (const m of batch) if (m.status === 'accepted' || m.status === 'sent') await this.advanceStatus.execute(m.message_id, 'failed', [STATUS_ERRORS.retentionEnded]);
      }
      const ids = batch.map((m) => m.message_id);
      await this.jobs.deleteMany({ message_id: { $in: ids } }).exec();
      await this.outbox.deleteMany({ message_id: { $in: ids } }).exec();
      purged += (await this.messages.deleteMany({ message_id: { $in: ids } }).exec()).deletedCount;
    }
  }
}
