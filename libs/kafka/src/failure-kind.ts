/** network error codes: the other side is down or far, not the record at fault */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

type Failure = { name?: string; message?: string; code?: unknown; cause?: Failure; getStatus?: () => number } | null | undefined;

/**
 * Whether a handler's failure is the infrastructure's (store, broker, keys service down or slow:
 * retry the records in place, they are fine) or the records' own (anything else: a destroyed
 * key, a bug tripped by one record's shape), which no retry can cure.
 */
export function isTransientFailure(error: unknown): boolean {
  const err = error as Failure;
  const name = err?.name ?? '';
  if (name.startsWith('Mongo') || name.startsWith('KafkaJS')) return true;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (typeof err?.getStatus === 'function') return err.getStatus() >= 500 || err.getStatus() === 429;
  if (err?.message === 'fetch failed') return true;
  for (let e: Failure = err; e; e = e.cause) if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return false;
}
