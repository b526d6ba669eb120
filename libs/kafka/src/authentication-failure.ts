/** kafkajs reports a rejected SASL login as this error, sometimes wrapped as the cause of a retry error. */
export function isAuthenticationFailure(err: unknown): boolean {
  for (let e = err as { name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === 'KafkaJSSASLAuthenticationError') return true;
  }
  return false;
}
