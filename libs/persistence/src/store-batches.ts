import type { Model } from 'mongoose';

/**
 * The most statements one store command carries, and the most queries sent at once. FerretDB
 * holds a PostgreSQL connection per statement until the whole command ends, and hangs for good
 * once the commands under way want more connections than its pool has (150 here).
 */
export const MAX_STATEMENTS_AT_ONCE = 10;
/** per process: with ingestion's and delivery's together, well under the store's pool */
const STATEMENTS_IN_FLIGHT = 40;

/** `items` in consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size = MAX_STATEMENTS_AT_ONCE): T[][] {
  const slices: T[][] = [];
  for (let from = 0; from < items.length; from += size) slices.push(items.slice(from, from + size));
  return slices;
}

let inFlight = 0;
const waiting: (() => void)[] = [];

/**
 * An unordered bulkWrite of at most MAX_STATEMENTS_AT_ONCE statements, sent only while this
 * process has fewer than STATEMENTS_IN_FLIGHT statements under way: concurrent batch paths
 * (three partitions, eight dispatch workers) would otherwise together exhaust the store's pool.
 */
// any model: its own type then types the operations
export async function boundedBulkWrite<M extends Model<any>>(model: M, operations: Parameters<M['bulkWrite']>[0]): Promise<{ matchedCount: number }> {
  if (operations.length > MAX_STATEMENTS_AT_ONCE) throw new Error(`a store command carries at most ${MAX_STATEMENTS_AT_ONCE} statements, not ${operations.length}`);
  while (inFlight + operations.length > STATEMENTS_IN_FLIGHT) await new Promise<void>((wake) => waiting.push(wake));
  inFlight += operations.length;
  try {
    return await model.bulkWrite(operations, { ordered: false });
  } finally {
    inFlight -= operations.length;
    waiting.splice(0).forEach((wake) => wake());
  }
}
