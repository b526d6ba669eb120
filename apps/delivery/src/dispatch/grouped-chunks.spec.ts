import { groupedChunks } from './grouped-chunks';

const messageOf = (id: string) => id.split(':')[0]!;

describe('groupedChunks', () => {
  it("keeps a group's ids in one slice, whichever order they came in", () => {
    const slices = groupedChunks(['a:sent', 'b:sent', 'c:sent', 'a:delivered', 'b:read'], 2, messageOf);
    expect(slices).toEqual([['a:sent', 'a:delivered'], ['b:sent', 'b:read'], ['c:sent']]);
  });

  it('fills slices up to the size with whole groups', () => {
    expect(groupedChunks(['a:1', 'b:1', 'c:1', 'c:2', 'd:1'], 3, messageOf)).toEqual([['a:1', 'b:1'], ['c:1', 'c:2', 'd:1']]);
  });

  it('gives a group larger than the size a slice of its own', () => {
    expect(groupedChunks(['a:1', 'b:1', 'b:2', 'b:3'], 2, messageOf)).toEqual([['a:1'], ['b:1', 'b:2', 'b:3']]);
  });
});
