import type { Model } from 'mongoose';

const DUPLICATE_KEY = 11000;

/** A document as inserted lean: complete, its `_id` (the natural key) set by the caller. */
export type WithId<T> = T & { _id: string };

interface WriteErrorLike {
  index?: unknown;
  code?: unknown;
}

/**
 * The positions of the documents an unordered insertMany refused for a duplicate key, read from
 * the driver's BulkWriteError (the rest of the batch was stored). Undefined for any other error,
 * or when any refusal had another cause: the caller must then throw, as nothing says which
 * documents are missing.
 */
export function duplicateKeyIndexes(err: unknown): Set<number> | undefined {
  const writeErrors = (err as { writeErrors?: WriteErrorLike | WriteErrorLike[] } | null)?.writeErrors;
  // the driver reports a single failure as one object rather than a list of one
  const refusals = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (refusals.length === 0) return undefined;
  const indexes = new Set<number>();
  for (const { index, code } of refusals) {
    if (code !== DUPLICATE_KEY || typeof index !== 'number') return undefined;
    indexes.add(index);
  }
  return indexes;
}

/**
 * Inserts a batch in one unordered insertMany; documents whose unique key is already taken
 * (stored by an earlier attempt) are "already done", not errors. Resolves with their positions.
 * Any other failure is thrown: the caller's batch is retried whole, which these semantics make safe.
 * Lean: the documents go as built (complete, `_id` included: no mongoose defaults or hooks run),
 * since an unordered insertMany would otherwise silently leave out one that fails validation.
 */
export async function insertNew<T>(model: Model<T>, docs: readonly WithId<T>[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await model.insertMany([...docs], { ordered: false, lean: true });
    return new Set();
  } catch (err) {
    const duplicates = duplicateKeyIndexes(err);
    if (!duplicates) throw err;
    return duplicates;
  }
}
