import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RELEASED } from '../dispatch/released';
import { WebhookOutboxEntry } from './webhook-outbox.schema';

/**
 * The outbox entries posted straight from their batch (state `sending`, leased from the start,
 * one lease token per POST): acknowledged ones leave with one delete per POST, the others go
 * back to the poller as `pending`, which is all the poller reads.
 */
@Injectable()
export class WebhookOutbox {
  constructor(@InjectModel(WebhookOutboxEntry.name) private readonly entries: Model<WebhookOutboxEntry>) {}

  /** The business acknowledged the POST made under `token` (straight away or by the poller): its entries are done. */
  async deleteAcknowledged(token: string): Promise<void> {
    await this.entries.deleteMany({ lease_token: token }).exec();
  }

  /** To the poller, due at `at` (now by default). */
  async release(token: string, at?: Date, attempts?: number): Promise<void> {
    await this.entries.updateMany({ lease_token: token, state: 'sending' }, { $set: { state: 'pending', ...(at && { next_attempt_at: at }), ...(attempts && { attempts }), ...RELEASED } }).exec();
  }

  /**
   * Entries whose process died before their POST's outcome was stored: the poller sends them again.
   * Not those a marker still announces (`marked`): sent and acknowledged before the marker's
   * recovery, they would be announced anew by it, after the message's later statuses.
   */
  async releaseLapsed(marked: ReadonlySet<string>): Promise<number> {
    return (await this.entries.updateMany({ state: 'sending', lease_until: { $lt: new Date() }, entry_id: { $nin: [...marked] } }, { $set: { state: 'pending', ...RELEASED } }).exec()).modifiedCount;
  }
}
