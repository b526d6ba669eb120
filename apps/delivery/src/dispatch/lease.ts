import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';

/** A durable unit of work: due at `next_attempt_at`, reserved by whoever holds an unexpired lease. */
export interface Leasable {
  state: string;
  next_attempt_at: Date;
  lease_until: Date;
  lease_token: string | null;
  created_at: Date;
}

/** Clears a lease: the item is free again (and due at its next_attempt_at). */
export const RELEASED = { lease_until: new Date(0), lease_token: null } as const;

/**
 * Reserves up to `limit` due, unleased items in `scope`, oldest due first, returned in creation
 * order. The reservation is one conditional update per item (FerretDB has no transactions), so
 * of two processes racing for an item only one gets its token on it.
 */
export async function claimDue<T extends Leasable>(model: Model<T>, idField: keyof T & string, scope: Record<string, unknown>, limit: number, leaseMs: number): Promise<{ token: string; items: T[] }> {
  const now = new Date();
  const due = { ...scope, state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } };
  const candidates = (await model.find(due as never, { [idField]: 1 }).sort({ next_attempt_at: 1 }).limit(limit).lean().exec()) as Record<string, unknown>[];
  if (candidates.length === 0) return { token: '', items: [] };
  const token = randomUUID();
  await model
    .updateMany({ ...due, [idField]: { $in: candidates.map((c) => c[idField]) } } as never, { $set: { lease_until: new Date(now.getTime() + leaseMs), lease_token: token } } as never)
    .exec();
  const items = (await model.find({ lease_token: token } as never).sort({ created_at: 1 }).lean().exec()) as T[];
  return { token, items };
}

/** The distinct values of `keyField` (endpoint, business) among due, unleased items: one worker each. */
export async function dueKeys<T extends Leasable>(model: Model<T>, keyField: keyof T & string): Promise<string[]> {
  const now = new Date();
  const due = (await model
    .find({ state: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lt: now } } as never, { [keyField]: 1 })
    .sort({ next_attempt_at: 1 })
    .limit(500)
    .lean()
    .exec()) as Record<string, unknown>[];
  return [...new Set(due.map((item) => String(item[keyField])))];
}
