import type { Model } from 'mongoose';
import { shardOf } from './dispatch-ownership';
import type { Leasable } from './lease';

/**
 * Work stored before items carried a shard gets it from its key, so no instance skips it.
 * Idempotent and cheap once done (one query finding nothing); true when nothing is left.
 */
export async function assignMissingShards<T extends Leasable>(model: Model<T>, keyField: keyof T & string): Promise<boolean> {
  for (;;) {
    const batch = (await model.find({ shard: { $exists: false } } as never, { _id: 1, [keyField]: 1 }).limit(500).lean().exec()) as Record<string, unknown>[];
    if (batch.length === 0) return true;
    for (const item of batch) await model.updateOne({ _id: item._id } as never, { $set: { shard: shardOf(String(item[keyField])) } } as never).exec();
  }
}
