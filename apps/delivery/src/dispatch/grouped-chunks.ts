/** `ids` in slices of at most `size` (more only for one group larger than that), each group whole in one slice. */
export function groupedChunks(ids: readonly string[], size: number, groupOf: (id: string) => string): string[][] {
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(groupOf(id), [...(groups.get(groupOf(id)) ?? []), id]);
  const slices: string[][] = [];
  for (const group of groups.values()) {
    const last = slices.at(-1);
    if (last && last.length + group.length <= size) last.push(...group);
    else slices.push([...group]);
  }
  return slices;
}
