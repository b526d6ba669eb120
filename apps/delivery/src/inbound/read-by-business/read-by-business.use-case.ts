import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { MessageReadByBusinessPayload } from '@sealpost/contracts';
import { AuditEntry, AuditTrail } from '@sealpost/kafka';
import { Device } from '../../devices/device.schema';
import { InboundMessage } from '../inbound-message.schema';
import { SignalSender } from './signal-sender';

/**
 * A business read a customer's message (CONTRACT §11): that message and every earlier one of
 * the customer to this business get `read_at` (the first read time stays), and each of the
 * customer's devices is told — a read receipt, and typing if asked. An id that is no inbound
 * message of this business changes and sends nothing; it is logged and audited by id only.
 * Replaying a read rewrites nothing and tells the devices again, which they take as the same.
 */
@Injectable()
export class ReadByBusinessUseCase {
  private readonly logger = new Logger(ReadByBusinessUseCase.name);

  constructor(
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    private readonly sender: SignalSender,
    private readonly audit: AuditTrail,
  ) {}

  /** One audit produce for the batch's reads. */
  async execute(reads: readonly MessageReadByBusinessPayload[]): Promise<void> {
    const audited: AuditEntry[] = [];
    for (const read of reads) audited.push(await this.one(read));
    await this.audit.recordMany(audited);
  }

  private async one(read: MessageReadByBusinessPayload): Promise<AuditEntry> {
    // the row's _id is the device's idempotency hash, which the business cannot name: message_id is its unique key
    const message = await this.inbound.findOne({ message_id: read.message_id }, { business_id: 1, recipient: 1, created_at: 1 }).lean().exec();
    const context = { businessId: read.business_id, correlationId: read.message_id };
    if (!message || message.business_id !== read.business_id) {
      this.logger.warn({ business_id: read.business_id }, 'mark as read of a message that is no inbound message of this business: nothing sent');
      return { type: 'inbound.read', record: { actor: 'business', action: 'mark-read', target: read.message_id, outcome: 'rejected', detail: { reason: 'unknown-message' } }, context };
    }
    // one customer's rows to this business, found by the pseudonym index: the conversation up to this message counts as read
    await this.inbound
      .updateMany({ recipient: message.recipient, business_id: read.business_id, created_at: { $lte: message.created_at }, read_at: { $exists: false } }, { $set: { read_at: new Date(read.at) } })
      .exec();
    const devices = await this.devices.find({ phone_pseudonym: message.recipient }, { endpoint_url: 1 }).lean().exec();
    this.sender.send([...new Set(devices.map((d) => d.endpoint_url))], read);
    return { type: 'inbound.read', record: { actor: 'business', action: 'mark-read', target: read.message_id, outcome: 'success', detail: { devices: String(devices.length), typing: String(read.typing) } }, context };
  }
}
