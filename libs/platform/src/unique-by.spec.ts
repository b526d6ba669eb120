import { uniqueBy } from './unique-by';

describe('uniqueBy', () => {
  it('keeps one item per key, the last one, at the place its key first appeared', () => {
    const items = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }];
    expect(uniqueBy(items, (i) => i.k)).toEqual([{ k: 'a', v: 3 }, { k: 'b', v: 2 }]);
  });

  it('returns nothing for nothing', () => {
    expect(uniqueBy([], String)).toEqual([]);
  });
});
