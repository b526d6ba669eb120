import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { AnnouncementBatch } from '../../status/announcement-batch.schema';
import { statusesOfMarkers } from '../../status/marked-statuses';
import type { ReportedStatus } from '../../status/status-steps';
import { WebhookOutboxEntry } from '../webhook-outbox.schema';

/** the statuses a message has taken before each one: a business must never see them after it */
export const EARLIER: Record<ReportedStatus, readonly ReportedStatus[]> = { sent: [], delivered: ['sent'], read: ['sent', 'delivered'], failed: ['sent'] };
/** how long a status waits for an earlier one of its message that is still being announced */
const ANNOUNCING_WAIT_MS = 1000;

/** A claimed entry held back until an earlier status of its message is settled elsewhere. */
export interface HeldStatus {
  entry: WebhookOutboxEntry;
  until: Date;
}

/**
 * Keeps a business from seeing a message's statuses backwards when they went into different
 * POSTs: a status the poller claimed whose earlier status is still owed takes that one along,
 * first, in the same POST (when it waits for the poller), or waits until it is settled (when a
 * direct POST or another claim holds it, or its announcement is under way). So a POST that
 * timed out after the business had it can never have been overtaken, and nothing waits for ever:
 * an owed status is either taken along now or held by a lease or a marker that ends.
 */
@Injectable()
export class EarlierStatuses {
  constructor(
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    @InjectModel(AnnouncementBatch.name) private readonly markers: Model<AnnouncementBatch>,
  ) {}

  /** Leases the owed earlier statuses of `claimed` that wait for the poller under `token`, and says which claimed ones must wait. */
  async takeAlong(claimed: readonly WebhookOutboxEntry[], token: string, leaseUntil: Date): Promise<{ taken: number; held: HeldStatus[] }> {
    const inClaim = new Set(claimed.map((e) => e.entry_id));
    const missing = (e: WebhookOutboxEntry) => EARLIER[e.status].map((status) => `${e.message_id}:${status}`).filter((id) => !inClaim.has(id));
    const later = claimed.filter((e) => missing(e).length > 0);
    if (later.length === 0) return { taken: 0, held: [] };

    const owed = await this.owed([...new Set(later.flatMap(missing))]);
    const now = new Date();
    const free = [...owed.values()].filter((e) => e.state === 'pending' && e.lease_until.getTime() < now.getTime());
    const lease = free.map(({ entry_id }) => ({ updateOne: { filter: { _id: entry_id, state: { $in: ['pending'] }, lease_until: { $lt: now } }, update: { $set: { lease_until: leaseUntil, lease_token: token } } } }));
    const leased = await Promise.all(chunks(lease).map((slice) => boundedBulkWrite(this.outbox, slice as never)));
    const matchedCount = leased.reduce((sum, r) => sum + r.matchedCount, 0);
    const announcing = later.some((e) => missing(e).some((id) => !owed.has(id))) ? await this.statusesBeingAnnounced() : new Set<string>();

    const held: HeldStatus[] = [];
    for (const entry of later) {
      let until = 0;
      for (const id of missing(entry)) {
        const earlier = owed.get(id);
        // a lapsed lease is a dead process's: its entry waits for that process's marker to be recovered
        if (earlier && !free.includes(earlier)) until = Math.max(until, earlier.lease_until.getTime() + 1, now.getTime() + ANNOUNCING_WAIT_MS);
        else if (!earlier && announcing.has(id)) until = Math.max(until, now.getTime() + ANNOUNCING_WAIT_MS);
      }
      if (until > 0) held.push({ entry, until: new Date(until) });
    }
    // a free one taken by someone else in between (it cannot be, with one worker per business, but the store does not say so atomically)
    if (matchedCount < free.length) for (const entry of later) if (!held.some((h) => h.entry === entry)) held.push({ entry, until: new Date(now.getTime() + ANNOUNCING_WAIT_MS) });
    return { taken: matchedCount, held };
  }

  /** By id, a few at a time: the entries among `ids` still owed to the business (pending, or being sent). */
  private async owed(ids: readonly string[]): Promise<Map<string, WebhookOutboxEntry>> {
    const found = new Map<string, WebhookOutboxEntry>();
    for (const slice of chunks(ids)) {
      const docs = await Promise.all(slice.map((id) => this.outbox.findOne({ _id: id }).lean<WebhookOutboxEntry>().exec()));
      for (const doc of docs) if (doc && (doc.state === 'pending' || doc.state === 'sending')) found.set(doc.entry_id, doc);
    }
    return found;
  }

  /** The statuses (`<message_id>:<status>`) of moves noted and not yet fully announced: the collection holds only those, so this read is small. */
  private async statusesBeingAnnounced(): Promise<Set<string>> {
    return statusesOfMarkers(await this.markers.find({}, { moves: 1 }).lean().exec());
  }
}
