import type { MessageReadByBusinessPayload } from '@sealpost/contracts';

/** CONTRACT §11: typing shows for up to 25 s; a typing signal later than that would show a stale state */
export const TYPING_FOR_MS = 25_000;
/** how long a read signal is retried to a device that does not answer; past it the device has lost it */
export const READ_SIGNAL_WINDOW_MS = 10 * 60_000;

export type DeviceSignal = { type: 'read'; message_id: string; timestamp: string } | { type: 'typing'; phone_number_id: string; timestamp: string };

/**
 * What a device is told when a business reads a customer's message: a read receipt, and while
 * its 25 s last, that the business is typing. Timestamps are the read's, in unix seconds.
 * Empty once nothing is worth sending any more.
 */
export function signalsFor(read: MessageReadByBusinessPayload, now = Date.now()): DeviceSignal[] {
  const at = Date.parse(read.at);
  const timestamp = String(Math.floor(at / 1000));
  const signals: DeviceSignal[] = [];
  if (now - at <= READ_SIGNAL_WINDOW_MS) signals.push({ type: 'read', message_id: read.message_id, timestamp });
  if (read.typing && now - at < TYPING_FOR_MS) signals.push({ type: 'typing', phone_number_id: read.phone_number_id, timestamp });
  return signals;
}

/** The POST body (CONTRACT §11): `signals` instead of `messages`. */
export function signalsBody(signals: readonly DeviceSignal[]): Buffer {
  return Buffer.from(JSON.stringify({ signals }), 'utf8');
}
