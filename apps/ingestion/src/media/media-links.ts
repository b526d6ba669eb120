import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Agent, fetch as guardedFetch } from 'undici';
import { EndpointPolicy } from '@sealpost/platform';
import { isPrivateLiteral } from '@sealpost/platform/http/private-address';
import { PRIVATE_ADDRESS, publicOnlyLookup } from '@sealpost/platform/http/public-only-lookup';
import { MediaRefused } from './media-refused';

/** a link is fetched whole within this, or the send fails */
const LINK_TIMEOUT_MS = 20000;
const MAX_REDIRECTS = 3;

/** What a link gave: its body as it streams, and the MIME type it said the body has. */
export interface LinkedMedia {
  content: Readable;
  mimeType: string;
}

/**
 * Fetches a media `link` once, when its send is accepted: bounded in time (the body too) and in
 * redirects, and never inside the operator's network unless SEALPOST_ALLOW_PRIVATE_ENDPOINTS
 * allows it (each hop checked, names at connect time). What it cannot fetch fails the send with 131052.
 */
@Injectable()
export class MediaLinks implements OnApplicationShutdown {
  private readonly agent?: Agent;

  constructor(private readonly policy: EndpointPolicy) {
    this.agent = policy.allowsPrivate ? undefined : new Agent({ connect: { lookup: publicOnlyLookup } });
  }

  async open(link: string): Promise<LinkedMedia> {
    const signal = AbortSignal.timeout(LINK_TIMEOUT_MS);
    let url = link;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!this.policy.allowsPrivate && isPrivateLiteral(url)) throw unreachable('it is a loopback, private or link-local address, which SEALPOST_ALLOW_PRIVATE_ENDPOINTS does not allow');
      const res = await guardedFetch(url, { redirect: 'manual', signal, ...(this.agent && { dispatcher: this.agent }) }).catch((err: unknown) => {
        throw unreachable(failureOf(err));
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url).href;
        continue;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw unreachable(`it answered ${res.status}`);
      }
      return { content: Readable.fromWeb(res.body as ReadableStream), mimeType: res.headers.get('content-type') ?? '' };
    }
    throw unreachable(`it redirected more than ${MAX_REDIRECTS} times`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent?.close();
  }
}

function unreachable(why: string): MediaRefused {
  return new MediaRefused(131052, `the media link could not be fetched: ${why}; give a link that answers 200 with the file within ${LINK_TIMEOUT_MS / 1000} s, or upload the file`);
}

/** By kind only: the error text may quote the link. */
function failureOf(error: unknown): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'it did not answer in time';
  const code = err.cause?.code ?? err.code;
  if (code === PRIVATE_ADDRESS) return 'it resolves to a loopback, private or link-local address, which SEALPOST_ALLOW_PRIVATE_ENDPOINTS does not allow';
  return code ? `the connection failed (${code})` : 'the connection failed';
}
