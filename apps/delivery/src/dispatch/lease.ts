import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import type { Tenure } from './dispatch-ownership';
import { RELEASED } from './released';

/** A durable unit of work: due at `next_attempt_at`, reserved by whoever holds an unexpired lease. */
export interface Leasable {
  state: string;
  /** shardOf(its dispatch key): only the instance owning the shard sends it */
  shard: number;
  next_attempt_at: Date;
  lease_until: Date;
  lease_token: string | null;
  created_at: Date;
}


/** how many POSTs' worth of due items one scan finds: the store reads every match of a filtered find, however small the limit */
const POSTS_PER_SCAN = 10;

/**
 * The ids of up to `limit` due, unleased items in `scope`, in insertion order (the order things
 * are owed in). No sort: the store sorts in memory after reading every match, where without one
 * it stops at `limit`. A filtered find still reads every match of its pushed-down part (the
 * scope), so callers take several POSTs' worth per scan and lease them a POST at a time.
 */
async function dueIds<T extends Leasable>(model: Model<T>, scope: Record<string, unknown>, limit: number, tenure: Tenure, inOrder: boolean): Promise<string[]> {
  if (!tenure.holds()) return [];
  const now = new Date();
  const due = { ...scope, shard: { $in: tenure.shards }, state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } };
  const query = model.find(due as never, { _id: 1 });
  // updated rows move in the store, so only a sort keeps creation order across scans (it reads the scope's due items)
  if (inOrder) query.sort({ created_at: 1, _id: 1 });
  return ((await query.limit(limit).lean().exec()) as unknown as { _id: string }[]).map((d) => d._id);
}

/**
 * Reserves those of `ids` still due and unleased, returned in creation order, while `tenure`
 * holds their shard. The store has no compare-and-set, so the tenure is what keeps two
 * instances apart: checked before the lease is written and again after, and a lease written
 * while ownership moved is handed back unused. Each lease is written by `_id`, never by a
 * filter that would read the whole backlog again.
 */
async function leaseDue<T extends Leasable>(model: Model<T>, idField: keyof T & string, ids: readonly string[], leaseMs: number, tenure: Tenure): Promise<{ token: string; items: T[] }> {
  const none = { token: '', items: [] };
  if (ids.length === 0 || !tenure.holds()) return none;
  const now = new Date();
  const token = randomUUID();
  const lease = { $set: { lease_until: new Date(now.getTime() + leaseMs), lease_token: token } };
  await Promise.all(
    // `$in`: checked by the store on the one document found by `_id`, where equality would also be looked up in an index
    chunks(ids).map((slice) => boundedBulkWrite(model, slice.map((_id) => ({ updateOne: { filter: { _id, state: { $in: ['pending'] }, lease_until: { $lt: now }, next_attempt_at: { $lte: now } }, update: lease } })) as never)),
  );
  if (!tenure.holds()) {
    await model.updateMany({ lease_token: token } as never, { $set: RELEASED } as never).exec();
    return none;
  }
  const items = (await model.find({ lease_token: token } as never).lean().exec()) as T[];
  items.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || String(a[idField]).localeCompare(String(b[idField])));
  return { token, items };
}

/**
 * Sends a scope's due items, `perPost` at a time, until none is due or `send` says stop (the
 * endpoint is unwell): one scan finds POSTS_PER_SCAN POSTs' worth, each leased just before it goes.
 * `inOrder`: strictly in creation order across scans too (sorted scans), where order is the contract.
 */
export async function drainDue<T extends Leasable>(
  model: Model<T>,
  idField: keyof T & string,
  scope: Record<string, unknown>,
  lease: { perPost: number; leaseMs: number; tenure: Tenure },
  send: (items: T[], token: string) => Promise<boolean>,
  inOrder = false,
): Promise<void> {
  for (;;) {
    const due = await dueIds(model, scope, lease.perPost * POSTS_PER_SCAN, lease.tenure, inOrder);
    if (due.length === 0) return;
    for (const ids of chunks(due, lease.perPost)) {
      const { token, items } = await leaseDue(model, idField, ids, lease.leaseMs, lease.tenure);
      if (items.length > 0 && !(await send(items, token))) return;
    }
  }
}

/**
 * The distinct values of `keyField` (endpoint, business) among due, unleased items of `shards`:
 * one worker each. Unsorted, so the store stops reading after the first 500 due items.
 */
export async function dueKeys<T extends Leasable>(model: Model<T>, keyField: keyof T & string, shards: readonly number[]): Promise<string[]> {
  if (shards.length === 0) return [];
  const now = new Date();
  const due = (await model
    .find({ shard: { $in: shards }, state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } } as never, { [keyField]: 1 })
    .limit(500)
    .lean()
    .exec()) as Record<string, unknown>[];
  return [...new Set(due.map((item) => String(item[keyField])))];
}
