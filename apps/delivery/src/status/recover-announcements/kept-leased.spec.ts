import { keptLeased } from './kept-leased';

describe('keptLeased', () => {
  it("keeps a POST's jobs leased when its marker is stored while the markers are read", async () => {
    // answered in a store outage: the token leaves the POSTs under way once its marker is stored, after the read began
    const underWay = new Set(['answered']);
    const { tokens } = await keptLeased(
      () => [...underWay],
      async () => {
        underWay.delete('answered');
        return [];
      },
    );
    expect(tokens).toContain('answered');
  });

  it('keeps the tokens every unrecovered marker settles, beside those under way', async () => {
    const { markers, tokens } = await keptLeased(() => ['live'], async () => [{ settled_job_tokens: ['a', 'b'], moves: [] }, { settled_job_tokens: [], moves: [] }]);
    expect(markers).toHaveLength(2);
    expect(tokens.sort()).toEqual(['a', 'b', 'live']);
  });
});
