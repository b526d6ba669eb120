import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { openInbound } from '@sealpost/crypto';
import { AuditTrail } from '@sealpost/kafka';
import { KeysClient } from '@sealpost/keys-client';
import { GroupCommit, insertNew, WithId } from '@sealpost/persistence';
import { ApiError } from '@sealpost/platform';
import { BusinessDirectory } from '../../businesses/business-directory';
import { openDevicePhone } from '../../devices/device-phone';
import { Device } from '../../devices/device.schema';
import { shardOf } from '../../dispatch/dispatch-ownership';
import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { RELEASED } from '../../dispatch/released';
import { Conversation, CustomerContacts } from '../../service-window/customer-contacts';
import { unixSeconds } from '../../status/status-steps';
import { WEBHOOK_WINDOW_MS } from '../../status/status-announcer';
import { WebhookSchedule } from '../../webhooks/webhook-schedule';
import { BusinessInboundKeys } from '../business-keys/business-inbound-keys';
import { unknownPhoneNumberId } from '../business-keys/get-business-key.use-case';
import { InboundContent, isMediaContent, parseInboundContent } from '../inbound-content';
import { AttachInboundMedia } from '../media/attach-media/attach-inbound-media';
import { sealInboundSecrets } from '../inbound-envelope';
import { InboundMessage } from '../inbound-message.schema';
import { InboundMessageAccepted, InboundMessageRequest } from './inbound-message.dto';

/** a received message's writes: its row, and the time its customer wrote to the business */
interface Received {
  row: WithId<InboundMessage>;
  conversation: Conversation;
  at: Date;
}

/** the most messages one grouped write stores (one insert transaction) */
const RECEIVED_PER_WRITE = 100;

const invalid = (details: string) => new ApiError(HttpStatus.BAD_REQUEST, 131009, 'Parameter value is not valid', details);

/**
 * A customer's message to a business: checked whole (business, key, seal, content) before
 * anything is stored, then stored sealed under the customer's key and audited — with the
 * messages other devices sent meanwhile, in one insert and one produce — and left to the
 * inbound webhook poller. The time the customer wrote, which opens the business's
 * service window to them, is noted just before the insert: a stored message has always opened it.
 * A repeated client_message_id from the same device is answered with the first message id and
 * nothing else happens.
 */
@Injectable()
export class ReceiveInboundUseCase {
  private readonly received = new GroupCommit<Received, boolean>((items) => this.store(items), RECEIVED_PER_WRITE);

  constructor(
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    private readonly businesses: BusinessDirectory,
    private readonly inboundKeys: BusinessInboundKeys,
    private readonly keys: KeysClient,
    private readonly schedule: WebhookSchedule,
    private readonly signals: DispatchSignals,
    private readonly audit: AuditTrail,
    private readonly contacts: CustomerContacts,
    private readonly attachMedia: AttachInboundMedia,
  ) {}

  async execute(deviceId: string, request: InboundMessageRequest): Promise<InboundMessageAccepted> {
    const inboundId = createHash('sha256').update(JSON.stringify([deviceId, request.client_message_id])).digest('hex');
    const earlier = await this.inbound.findOne({ _id: inboundId }, { message_id: 1 }).lean().exec();
    if (earlier) return { message_id: earlier.message_id };

    const business = await this.businesses.findByPhoneNumberId(request.phone_number_id);
    if (!business) throw unknownPhoneNumberId();
    const content = await this.checkSealed(business.business_id, request);
    const device = await this.devices.findOne({ device_id: deviceId }, { phone_pseudonym: 1, phone_sealed: 1 }).lean().exec();
    if (!device?.phone_sealed) throw new ApiError(HttpStatus.CONFLICT, 100, 'Device not set up for inbound messages', 'this device was registered before customers could write back; register it again with POST /admin/devices');
    const recipientKey = await this.keys.byKeyId(device.phone_sealed.key_id);
    if (isMediaContent(content)) await this.attachMedia.attach({ deviceId, inboundId, businessId: business.business_id, type: content.type, media: content.body, recipientKey });

    const messageId = `wamid.${randomBytes(24).toString('base64url')}`;
    const now = new Date();
    const stored = sealInboundSecrets(recipientKey, messageId, business.business_id, {
      from: openDevicePhone(recipientKey.key, deviceId, device.phone_sealed),
      client_message_id: request.client_message_id,
      sealed: { suite: request.sealed.suite, enc: request.sealed.enc, ct: request.sealed.ct },
      ...(request.context && { context_id: request.context.message_id }),
    });
    const isNew = await this.received.commit({
      conversation: { business_id: business.business_id, recipient: device.phone_pseudonym },
      at: now,
      row: {
        _id: inboundId, inbound_id: inboundId, message_id: messageId, business_id: business.business_id, recipient: device.phone_pseudonym, device_id: deviceId,
        key_id: request.key_id, stored, timestamp: unixSeconds(now), state: 'pending', shard: shardOf(business.business_id), attempts: 0,
        // joins the business's webhook schedule: behind a failing endpoint it waits with the rest
        next_attempt_at: await this.schedule.firstAttemptAt(business.business_id), ...RELEASED,
        give_up_at: new Date(now.getTime() + WEBHOOK_WINDOW_MS), created_at: now,
      },
    });
    // the same client_message_id raced in on another request: that one's id is the answer
    if (!isNew) return { message_id: (await this.inbound.findOne({ _id: inboundId }, { message_id: 1 }).lean().exec())!.message_id };
    return { message_id: messageId };
  }

  /**
   * The messages received while one write is under way, stored together in the next: the
   * customers' service windows opened first (one upsert per conversation), then one insert and one
   * `inbound.received` produce for those that are new. Resolves, per message, whether it was new.
   */
  private async store(items: readonly Received[]): Promise<boolean[]> {
    await this.contacts.wrote(items);
    const repeats = await insertNew(this.inbound, items.map((i) => i.row));
    const fresh = items.filter((_, i) => !repeats.has(i));
    if (fresh.length > 0) {
      await this.audit.recordMany(
        fresh.map(({ row }) => ({
          type: 'inbound.received',
          record: { actor: 'device', action: 'receive-inbound', target: row.message_id, outcome: 'success', detail: { recipient: row.recipient } },
          context: { businessId: row.business_id, correlationId: row.message_id },
        })),
      );
      this.signals.notify('webhook');
    }
    return items.map((_, i) => !repeats.has(i));
  }

  /** The key is one of the business's (current, or replaced within the overlap), the seal opens and holds a valid inbound object. */
  private async checkSealed(businessId: string, request: InboundMessageRequest): Promise<InboundContent> {
    const material = (await this.inboundKeys.accepts(businessId, request.key_id)) ? await this.inboundKeys.material(request.key_id) : undefined;
    if (!material) throw invalid("key_id is not a current key of this business; fetch GET /v1/businesses/{phone_number_id}/key and seal again");
    let plaintext: unknown;
    try {
      plaintext = JSON.parse((await openInbound(material, request.sealed, request.client_message_id)).toString('utf8'));
    } catch {
      throw invalid("sealed does not open as JSON: seal it with HPKE to key_id's public key, info sealpost/v1/inbound, aad = client_message_id");
    }
    const content = parseInboundContent(plaintext);
    if (!content.ok) throw invalid(`${content.problem}; seal a Cloud API inbound object such as {"type":"text","text":{"body":"..."}}`);
    return content.content;
  }
}
