import { createHash, randomUUID } from 'node:crypto';

/** Every event on Kafka carries the same envelope (STYLE: id, correlation and causation). */
export interface EventEnvelope<T = Record<string, unknown>> {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  businessId?: string;
  correlationId: string;
  /** the event or request that caused this one; null for a first cause (an API call, a timer) */
  causationId: string | null;
  payload: T;
}

export interface EventContext {
  businessId?: string;
  /** the id of the message, request or sweep this event belongs to */
  correlationId?: string;
  /** the event or request that caused this one */
  causationId?: string;
  /**
   * For a fact that may be announced more than once (a status change re-announced after a
   * crash): the same id each time, so consumers that keep events by id keep it once.
   */
  eventId?: string;
}

/** A UUID-shaped id derived from what the event is about, the same every time it is derived. */
export function factEventId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function createEvent<T>(type: string, payload: T, context: EventContext = {}): EventEnvelope<T> {
  const eventId = context.eventId ?? randomUUID();
  return {
    eventId,
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    businessId: context.businessId,
    correlationId: context.correlationId ?? eventId,
    causationId: context.causationId ?? null,
    payload,
  };
}
