import { AttemptResult, transportFailure } from './attempt-outcome';

/**
 * One POST of an already-serialised JSON body. Node's fetch (undici) keeps connections alive
 * per origin, so successive batches to an endpoint reuse one socket. Redirects are not
 * followed: an endpoint that moves must be re-registered, not silently chased.
 */
export async function postJson(url: string, body: Buffer, timeoutMs: number, headers: Record<string, string> = {}): Promise<AttemptResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sealpost-delivery/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // read the (small) answer to the end so the socket goes back to the keep-alive pool
    await res.arrayBuffer().catch(() => undefined);
    return { kind: 'answered', status: res.status };
  } catch (err) {
    return { kind: 'transport', reason: transportFailure(err) };
  }
}
