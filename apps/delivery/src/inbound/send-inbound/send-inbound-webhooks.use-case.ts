import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditEntry, AuditTrail } from '@sealpost/kafka';
import { DataKeyDestroyedError } from '@sealpost/keys-client';
import { boundedBulkWrite, chunks, GroupCommit } from '@sealpost/persistence';
import { Business } from '../../businesses/business.schema';
import { BusinessDirectory } from '../../businesses/business-directory';
import { DeliveryTiming } from '../../config/delivery-timing';
import { classifyAttempt } from '../../dispatch/attempt-outcome';
import type { Tenure } from '../../dispatch/dispatch-ownership';
import { inKeyOrder, KeyedStep } from '../../dispatch/in-key-order';
import { drainDue } from '../../dispatch/lease';
import { OutboundPost } from '../../dispatch/outbound-post';
import { RELEASED } from '../../dispatch/released';
import { storeOutcome } from '../../dispatch/store-outcome';
import { signedWebhook } from '../../webhooks/webhook-body';
import { WebhookSchedule } from '../../webhooks/webhook-schedule';
import { InboundMessage, InboundState } from '../inbound-message.schema';
import { InboundReader } from './inbound-reader';
import { inboundWebhookBody } from './inbound-webhook-body';

/** inbound messages one round leases together (from one sorted scan of the business's due ones) */
const ROUND = 100;
/** a business's customers whose next message is POSTed at once */
const CUSTOMERS_AT_ONCE = 16;

type Settled = Exclude<InboundState, 'pending'>;

/** One message settled for good, with the lease it was sent under. */
interface Settlement {
  entry: InboundMessage;
  token: string;
  state: Settled;
  reason?: string;
}

/** Why a round stopped early: the message the business's endpoint (or the keys) failed on. */
interface RoundFailure {
  entry: InboundMessage;
  reason: string;
}

/**
 * Sends one business the inbound messages owed to it, one signed POST each, in rounds of up to
 * ROUND leased together: each customer's in the order they arrived, one at a time, and up to
 * CUSTOMERS_AT_ONCE customers side by side. When the endpoint fails, the round stops starting
 * POSTs, the business backs off with its statuses, and the failed message waits with everything
 * after it, so nothing of that customer overtakes it. Acknowledged means never again: the
 * message's settlement (its sealed content cleared) is stored before that customer's next POST,
 * with whatever other customers' settled meanwhile in the same write, and audited with them.
 */
@Injectable()
export class SendInboundWebhooksUseCase {
  private readonly logger = new Logger(SendInboundWebhooksUseCase.name);
  private readonly settlements = new GroupCommit<Settlement>((items) => this.storeSettled(items));

  constructor(
    @InjectModel(InboundMessage.name) private readonly inbound: Model<InboundMessage>,
    private readonly businesses: BusinessDirectory,
    private readonly reader: InboundReader,
    private readonly schedule: WebhookSchedule,
    private readonly timing: DeliveryTiming,
    private readonly outbound: OutboundPost,
    private readonly audit: AuditTrail,
  ) {}

  drain(businessId: string, tenure: Tenure): Promise<void> {
    const lease = { perPost: ROUND, leaseMs: this.timing.webhookLeaseMs, tenure };
    return drainDue(this.inbound, 'inbound_id', { business_id: businessId }, lease, (entries, token) => this.sendRound(entries, token), true);
  }

  /** True when the business may take more now; false once its endpoint failed (it backs off). */
  private async sendRound(entries: InboundMessage[], token: string): Promise<boolean> {
    const settleAll = async (reason: string) => {
      await Promise.all(entries.map((entry) => this.settlements.commit({ entry, token, state: 'dropped', reason })));
      return true;
    };
    // one stored on a schedule read just before the endpoint failed again is due before the messages waiting
    // for it: it waits with them, or it would overtake its customer's earlier ones
    const waiting = await this.schedule.backingOffUntil(entries[0]!.business_id);
    if (waiting) {
      await this.releaseRound(token, waiting);
      return false;
    }
    const business = await this.businesses.find(entries[0]!.business_id);
    if (!business) return settleAll('business routing unknown');
    let secret: Buffer;
    try {
      secret = await this.businesses.appSecret(business);
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return settleAll('app secret destroyed');
      await this.backOff(token, { entry: entries[0]!, reason: 'keys unavailable' });
      return false;
    }
    let failure: RoundFailure | undefined;
    let acknowledged = 0;
    const unsent = await inKeyOrder(entries, (entry) => entry.recipient, CUSTOMERS_AT_ONCE, async (entry): Promise<KeyedStep> => {
      const step = await this.sendOne(entry, token, business, secret);
      if (step === 'acknowledged') acknowledged++;
      else if (step !== 'dropped' && step !== 'lease-ending') failure ??= step;
      return step === 'acknowledged' || step === 'dropped' ? 'done' : 'stop';
    }).finally(() => secret.fill(0));
    if (failure) {
      await this.backOff(token, failure);
      return false;
    }
    // left for want of lease: due again at once, first in the next round's order
    if (unsent.length > 0) await this.releaseRound(token);
    if (acknowledged > 0) await this.schedule.succeeded(business.business_id);
    return true;
  }

  private async sendOne(entry: InboundMessage, token: string, business: Business, secret: Buffer): Promise<Settled | 'lease-ending' | RoundFailure> {
    // the POST and its settlement must end before the lease lapses and another round could take the message
    if (entry.lease_until.getTime() - Date.now() < this.timing.directWebhookPostMarginMs) return 'lease-ending';
    const message = await this.reader.read(entry).catch(() => null);
    if (message === null) return { entry, reason: 'keys unavailable' };
    if (!message) return this.settle({ entry, token, state: 'dropped', reason: 'keys destroyed' });
    const { raw, signature } = signedWebhook(secret, inboundWebhookBody(entry.business_id, business.phone_number_id, message));
    const result = await this.outbound.post(business.webhook_url, raw, this.timing.webhookTimeoutMs, { 'x-hub-signature-256': signature });
    if (classifyAttempt(result) !== 'success') return { entry, reason: result.kind === 'answered' ? `HTTP ${result.status}` : result.reason };
    // the business has it now: never send it again, even across a store outage
    return this.settle({ entry, token, state: 'acknowledged' });
  }

  private async settle(settlement: Settlement): Promise<Settled> {
    await this.settlements.commit(settlement);
    return settlement.state;
  }

  /**
   * The business's endpoint backs off; the failed message waits with everything after it (its
   * round's unsent ones are still leased, so they are released to the same time), or is dropped
   * once its retry window would end first.
   */
  private async backOff(token: string, { entry, reason }: RoundFailure): Promise<void> {
    this.logger.warn({ business_id: entry.business_id, message_id: entry.message_id, reason }, 'inbound webhook not delivered; retrying later');
    const retryAt = await this.schedule.backOff(entry.business_id);
    if (entry.give_up_at.getTime() < retryAt.getTime()) await this.settle({ entry, token, state: 'dropped', reason: 'retry window ended' });
    else await this.inbound.updateOne({ _id: entry.inbound_id, lease_token: token }, { $set: { attempts: entry.attempts + 1, next_attempt_at: retryAt, ...RELEASED } }).exec();
    await this.releaseRound(token, retryAt);
  }

  /** The round's messages still leased and owed, due again at `at` (or when they were due). */
  private async releaseRound(token: string, at?: Date): Promise<void> {
    await this.inbound.updateMany({ lease_token: token, state: 'pending' }, { $set: { ...(at && { next_attempt_at: at }), ...RELEASED } }).exec();
  }

  /** Settled for good, in one write: the content goes; then each message's fate is audited, in one produce. */
  private async storeSettled(items: readonly Settlement[]): Promise<void> {
    const write = (slice: readonly Settlement[]) =>
      boundedBulkWrite(
        this.inbound,
        slice.map(({ entry, token, state }) => ({ updateOne: { filter: { _id: entry.inbound_id, lease_token: token }, update: { $set: { state, stored: null, ...RELEASED } } } })),
      );
    await storeOutcome(() => Promise.all(chunks(items).map(write)), this.logger, 'inbound webhook outcomes');
    await this.audit.recordMany(items.map(fateEvent));
  }
}

/** `inbound.delivered` or `inbound.failed` (CONTRACT §9), by message id and the customer's pseudonym: no content, no number. */
function fateEvent({ entry, state, reason }: Settlement): AuditEntry {
  const delivered = state === 'acknowledged';
  return {
    type: delivered ? 'inbound.delivered' : 'inbound.failed',
    record: {
      actor: 'service:delivery',
      action: 'send-inbound-webhook',
      target: entry.message_id,
      outcome: delivered ? 'success' : 'failure',
      detail: { recipient: entry.recipient, attempts: entry.attempts + 1, ...(reason !== undefined && { reason }) },
    },
    context: { businessId: entry.business_id, correlationId: entry.message_id },
  };
}
