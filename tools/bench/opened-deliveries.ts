import type { FirstArrival } from './delivery-tracker';
import type { DeliveryPoint } from './per-second-timeline';
import { indexOfTag } from './submit-records';

/** Opens one delivered item as its device would; the bench passes FakeDevice.open. */
export type OpenItem<Item> = (arrival: FirstArrival<Item>) => Promise<unknown>;

// opens run this many at a time: all at once would hold every plaintext and promise in memory together
const CONCURRENT_OPENS = 256;

/**
 * Ties each first arrival back to its submit through the tag in the opened text, after the run
 * (HPKE opens cost CPU the services should have while measuring). Arrivals whose text is not a
 * tag of this phase are counted, not measured.
 */
export async function openedDeliveries<Item>(
  arrivals: readonly FirstArrival<Item>[],
  open: OpenItem<Item>,
  prefix: string,
  submittedAt: readonly number[],
): Promise<{ points: DeliveryPoint[]; foreign: number }> {
  const points: DeliveryPoint[] = [];
  let foreign = 0;
  for (let from = 0; from < arrivals.length; from += CONCURRENT_OPENS) {
    const chunk = arrivals.slice(from, from + CONCURRENT_OPENS);
    const bodies = await Promise.all(chunk.map((a) => open(a)));
    chunk.forEach((arrival, k) => {
      const text = (bodies[k] as { text?: { body?: unknown } } | null)?.text?.body;
      const index = typeof text === 'string' ? indexOfTag(prefix, text) : undefined;
      const at = index === undefined ? NaN : submittedAt[index];
      if (Number.isFinite(at)) points.push({ arrivedAt: arrival.arrivedAt, latencyMs: arrival.arrivedAt - at });
      else foreign++;
    });
  }
  return { points, foreign };
}
