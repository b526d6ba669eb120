import { chunks } from '@sealpost/persistence/store-batches';

/**
 * The records after `after`, up to `size`, found one seq at a time (a few lookups at once): seqs
 * are dense, so the first seq missing is the head of the log and ends the page.
 */
export async function seqPage<T>(lookup: (seq: number) => Promise<T | null>, after: number, size: number): Promise<T[]> {
  const page: T[] = [];
  const seqs = Array.from({ length: size }, (_, i) => after + 1 + i);
  for (const slice of chunks(seqs)) {
    for (const record of await Promise.all(slice.map(lookup))) {
      if (!record) return page;
      page.push(record);
    }
  }
  return page;
}
