/**
 * The most statements one store command carries, and the most queries sent at once: FerretDB
 * holds a PostgreSQL connection per statement until the whole command ends, so a larger command
 * starves every other caller of the pool.
 */
export const MAX_STATEMENTS_AT_ONCE = 20;

/** `items` in consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size = MAX_STATEMENTS_AT_ONCE): T[][] {
  const slices: T[][] = [];
  for (let from = 0; from < items.length; from += size) slices.push(items.slice(from, from + size));
  return slices;
}
