// the error code of a connection refused by delivery itself: the endpoint is inside the operator's network
import { PRIVATE_ADDRESS } from '@sealpost/platform/http/public-only-lookup';

/** What one POST to a device or webhook endpoint came to, before deciding what to do about it. */
export type AttemptResult =
  | { kind: 'answered'; status: number }
  | { kind: 'transport'; reason: TransportFailure };

export type TransportFailure = 'timeout' | 'refused' | 'reset' | 'unreachable' | 'private-address' | 'other';

/** success: done; retry: try again later (durably); final: the endpoint refused, do not retry. */
export type AttemptVerdict = 'success' | 'retry' | 'final';

const RETRIABLE_STATUSES = new Set([408, 429]);

/**
 * CONTRACT §5: any 2xx is success; 5xx, 408, 429, a timeout or a connection that could not be
 * made or broke is retried; any other answer (4xx, redirects) is final. Transport failures the
 * table does not name are retried too: they say nothing about the endpoint refusing the message,
 * and retention bounds how long a retry can go on.
 */
export function classifyAttempt(result: AttemptResult): AttemptVerdict {
  if (result.kind === 'transport') return 'retry';
  const { status } = result;
  if (status >= 200 && status < 300) return 'success';
  if (status >= 500 || RETRIABLE_STATUSES.has(status)) return 'retry';
  return 'final';
}

const REASONS: Record<string, TransportFailure> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  [PRIVATE_ADDRESS]: 'private-address',
};

/** Names a fetch failure by kind only: the error text may quote the endpoint URL. */
export function transportFailure(error: unknown): TransportFailure {
  const err = error as { name?: string; code?: string; cause?: { code?: string; name?: string } } | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timeout';
  return REASONS[err?.cause?.code ?? err?.code ?? ''] ?? 'other';
}
