import { seqPage } from './seq-page';

function logOf(length: number): { lookup: (seq: number) => Promise<{ seq: number } | null>; lookups: number[] } {
  const lookups: number[] = [];
  const lookup = async (seq: number) => {
    lookups.push(seq);
    return seq <= length ? { seq } : null;
  };
  return { lookup, lookups };
}

describe('seqPage', () => {
  it('pages by seq, in order, from the one after `after`', async () => {
    const { lookup, lookups } = logOf(50);
    const page = await seqPage(lookup, 10, 15);
    expect(page.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 11 + i));
    expect(Math.min(...lookups)).toBe(11);
  });

  it('ends at the head of the log without reading far past it', async () => {
    const { lookup, lookups } = logOf(23);
    expect((await seqPage(lookup, 20, 1000)).map((r) => r.seq)).toEqual([21, 22, 23]);
    expect(lookups.length).toBeLessThanOrEqual(10);
  });

  it('is empty past the head', async () => {
    expect(await seqPage(logOf(5).lookup, 5, 100)).toEqual([]);
  });
});
