import { Dispatcher, fetch as guardedFetch } from 'undici';
import { AttemptResult, transportFailure } from './attempt-outcome';
import { pausedAwareDeadline } from './paused-aware-deadline';

/** what is read of an answer: only its status counts, and an endpoint may not grow this process's memory */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One POST of an already-serialised JSON body. fetch keeps connections alive per origin, so
 * successive batches to an endpoint reuse one socket. Redirects are not
 * followed: an endpoint that moves must be re-registered, not silently chased.
 */
export async function postJson(url: string, body: Buffer, timeoutMs: number, headers: Record<string, string> = {}, dispatcher?: Dispatcher): Promise<AttemptResult> {
  const deadline = pausedAwareDeadline(timeoutMs);
  try {
    // Node's own fetch unless a dispatcher (the private-address guard) is given: that needs undici's, and is slower
    const send = dispatcher ? (init: object) => guardedFetch(url, { ...init, dispatcher }) : (init: object) => fetch(url, init);
    const res = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sealpost-delivery/1', ...headers },
      body,
      redirect: 'manual',
      signal: deadline.signal,
    });
    await drain(res.body);
    return { kind: 'answered', status: res.status };
  } catch (err) {
    return { kind: 'transport', reason: transportFailure(err) };
  } finally {
    deadline.clear();
  }
}

/**
 * Reads a small answer to the end, so the socket goes back to the keep-alive pool; past
 * MAX_ANSWER_BYTES (a 200 that streams for ever) it stops reading and the connection is dropped.
 */
async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (let read = 0; read <= MAX_ANSWER_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // an answer cut off or timed out while being read: its status is already known
  }
}
