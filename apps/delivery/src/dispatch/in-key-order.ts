/** What a step made of its item: done, or stop starting others. */
export type KeyedStep = 'done' | 'stop';

/**
 * Runs `step` over `items` in each key's order (a customer's messages, say) — one item at a time
 * per key, up to `atOnce` keys side by side — until every item is done or a step says stop: then
 * no other item starts (those in flight finish). Resolves with the items never started, in their
 * order; rejects, once the steps in flight are over, with the first error a step threw.
 */
export async function inKeyOrder<T>(items: readonly T[], keyOf: (item: T) => string, atOnce: number, step: (item: T) => Promise<KeyedStep>): Promise<T[]> {
  const chains = new Map<string, T[]>();
  for (const item of items) chains.set(keyOf(item), [...(chains.get(keyOf(item)) ?? []), item]);
  const waiting = [...chains.values()];
  const started = new Set<T>();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let chain = waiting.shift(); chain && !stopped; chain = waiting.shift()) {
      for (const item of chain) {
        if (stopped) break;
        started.add(item);
        try {
          if ((await step(item)) === 'stop') stopped = true;
        } catch (error) {
          stopped = true;
          failure ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, chains.size) }, worker));
  if (failure) throw failure.error;
  return items.filter((item) => !started.has(item));
}
