import { randomUUID } from 'node:crypto';

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
}

export function createEvent<T>(type: string, payload: T, context: EventContext = {}): EventEnvelope<T> {
  const eventId = randomUUID();
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
