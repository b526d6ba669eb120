import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Agent, fetch as guardedFetch } from 'undici';
import { isPrivateLiteral } from '@sealpost/platform/http/private-address';
import { PRIVATE_ADDRESS } from '@sealpost/platform/http/public-only-lookup';
import { MediaRefused } from '@sealpost/platform/media/media-refused';

/** a link is fetched whole within this, or the send fails */
export const LINK_TIMEOUT_MS = 20000;
const MAX_REDIRECTS = 3;

/** What a link gave: its body as it streams, and the MIME type it said the body has. */
export interface LinkedMedia {
  content: Readable;
  mimeType: string;
}

/** How links may be fetched: inside the operator's network only when allowed; `agent` refuses private names at connect time. */
export interface LinkPolicy {
  allowsPrivate: boolean;
  agent?: Agent;
  timeoutMs?: number;
}

/**
 * Fetches a media `link` once: bounded in time (the body too) and in redirects, and never inside
 * the operator's network unless the policy allows it (each hop's literal address checked here,
 * names at connect time by the agent). What it cannot fetch is MediaRefused 131052.
 */
export async function fetchLink(link: string, policy: LinkPolicy): Promise<LinkedMedia> {
  const timeoutMs = policy.timeoutMs ?? LINK_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = link;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!policy.allowsPrivate && isPrivateLiteral(url)) throw unreachable('it is a loopback, private or link-local address, which SEALPOST_ALLOW_PRIVATE_ENDPOINTS does not allow', timeoutMs);
    const res = await guardedFetch(url, { redirect: 'manual', signal, ...(policy.agent && { dispatcher: policy.agent }) }).catch((err: unknown) => {
      throw unreachable(failureOf(err), timeoutMs);
    });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = new URL(location, url).href;
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw unreachable(`it answered ${res.status}`, timeoutMs);
    }
    return { content: Readable.fromWeb(res.body as ReadableStream), mimeType: res.headers.get('content-type') ?? '' };
  }
  throw unreachable(`it redirected more than ${MAX_REDIRECTS} times`, timeoutMs);
}

function unreachable(why: string, timeoutMs: number): MediaRefused {
  return new MediaRefused(131052, `the media link could not be fetched: ${why}; give a link that answers 200 with the file within ${timeoutMs / 1000} s, or upload the file`);
}

/** By kind only: the error text may quote the link. */
function failureOf(error: unknown): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'it did not answer in time';
  const code = err.cause?.code ?? err.code;
  if (code === PRIVATE_ADDRESS) return 'it resolves to a loopback, private or link-local address, which SEALPOST_ALLOW_PRIVATE_ENDPOINTS does not allow';
  return code ? `the connection failed (${code})` : 'the connection failed';
}
