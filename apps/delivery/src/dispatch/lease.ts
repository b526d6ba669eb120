import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { Tenure } from './dispatch-ownership';

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

/** Clears a lease: the item is free again (and due at its next_attempt_at). */
export const RELEASED = { lease_until: new Date(0), lease_token: null } as const;

/**
 * Reserves up to `limit` due, unleased items in `scope`, oldest due first, returned in creation
 * order, while `tenure` holds the scope's shard. The store has no compare-and-set, so the
 * tenure is what keeps two instances apart: checked before the lease is written and again after,
 * and a lease written while ownership moved is handed back unused.
 */
export async function claimDue<T extends Leasable>(model: Model<T>, idField: keyof T & string, scope: Record<string, unknown>, limit: number, leaseMs: number, tenure: Tenure): Promise<{ token: string; items: T[] }> {
  const none = { token: '', items: [] };
  if (!tenure.holds()) return none;
  const now = new Date();
  const due = { ...scope, shard: { $in: tenure.shards }, state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } };
  const candidates = (await model.find(due as never, { [idField]: 1 }).sort({ next_attempt_at: 1 }).limit(limit).lean().exec()) as Record<string, unknown>[];
  if (candidates.length === 0 || !tenure.holds()) return none;
  const token = randomUUID();
  await model
    .updateMany({ ...due, [idField]: { $in: candidates.map((c) => c[idField]) } } as never, { $set: { lease_until: new Date(now.getTime() + leaseMs), lease_token: token } } as never)
    .exec();
  if (!tenure.holds()) {
    await model.updateMany({ lease_token: token } as never, { $set: RELEASED } as never).exec();
    return none;
  }
  const items = (await model.find({ lease_token: token } as never).sort({ created_at: 1 }).lean().exec()) as T[];
  return { token, items };
}

/** The distinct values of `keyField` (endpoint, business) among due, unleased items of `shards`: one worker each. */
export async function dueKeys<T extends Leasable>(model: Model<T>, keyField: keyof T & string, shards: readonly number[]): Promise<string[]> {
  if (shards.length === 0) return [];
  const now = new Date();
  const due = (await model
    .find({ shard: { $in: shards }, state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } } as never, { [keyField]: 1 })
    .sort({ next_attempt_at: 1 })
    .limit(500)
    .lean()
    .exec()) as Record<string, unknown>[];
  return [...new Set(due.map((item) => String(item[keyField])))];
}
