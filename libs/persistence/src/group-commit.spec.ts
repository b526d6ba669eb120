import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the first item at once and everything that arrived meanwhile in one next write', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = group.commit(1);
    const rest = [group.commit(2), group.commit(3)];
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('rejects exactly the callers whose write failed, and goes on with the next', async () => {
    let fail = true;
    const group = new GroupCommit<number>(async () => {
      if (fail) throw new Error('store down');
    });
    await expect(group.commit(1)).rejects.toThrow('store down');
    fail = false;
    await expect(group.commit(2)).resolves.toBeUndefined();
  });
});

describe('GroupCommit with results', () => {
  it("hands each caller its own item's result, and never writes more than maxItems at once", async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, string>(async (items) => {
      sizes.push(items.length);
      return items.map((n) => `r${n}`);
    }, 2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => group.commit(n)));
    expect(results).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
  });
});
