import type { OutboundMessageType } from '@sealpost/contracts';

/** The only outbound type the window lets through: a template re-engages the customer (CONTRACT §11). */
export const needsOpenWindow = (type: OutboundMessageType): boolean => type !== 'template';

/** Whether the customer wrote within the window before the send was accepted (a later message counts too). */
export function withinWindow(windowMs: number, lastInboundAt: Date | undefined, acceptedAt: Date): boolean {
  return lastInboundAt !== undefined && acceptedAt.getTime() - lastInboundAt.getTime() <= windowMs;
}

/** What to write and delete so the stored windows become the wanted ones; unchanged ones are left alone. */
export function windowChanges(
  stored: readonly { _id: string; window_ms: number }[],
  wanted: Readonly<Record<string, number>>,
): { write: { _id: string; window_ms: number }[]; remove: string[] } {
  const current = new Map(stored.map((w) => [w._id, w.window_ms]));
  return {
    write: Object.entries(wanted).filter(([id, ms]) => current.get(id) !== ms).map(([_id, window_ms]) => ({ _id, window_ms })),
    remove: stored.filter((w) => !(w._id in wanted)).map((w) => w._id),
  };
}
