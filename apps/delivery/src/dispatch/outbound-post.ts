import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent } from 'undici';
import { EndpointPolicy } from '@sealpost/platform';
import { isPrivateLiteral } from '@sealpost/platform/http/private-address';
import { AttemptResult } from './attempt-outcome';
import { postJson } from './post-json';
import { publicOnlyLookup } from '@sealpost/platform/http/public-only-lookup';

/**
 * Every POST delivery makes to a device or a business. Unless the operator allows private
 * endpoints, none reaches a loopback, private or link-local address, written as one or
 * resolved to one at connect time.
 */
@Injectable()
export class OutboundPost implements OnApplicationShutdown {
  private readonly publicOnly: boolean;
  /** connections whose lookups refuse private addresses; none (Node's own fetch) when those are allowed */
  private readonly agent?: Agent;

  constructor(policy: EndpointPolicy) {
    this.publicOnly = !policy.allowsPrivate;
    this.agent = this.publicOnly ? new Agent({ connect: { lookup: publicOnlyLookup } }) : undefined;
  }

  post(url: string, body: Buffer, timeoutMs: number, headers: Record<string, string> = {}): Promise<AttemptResult> {
    // an address written in the URL is connected to without a lookup, so it is checked here
    if (this.publicOnly && isPrivateLiteral(url)) return Promise.resolve({ kind: 'transport', reason: 'private-address' });
    return postJson(url, body, timeoutMs, headers, this.agent);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent?.close();
  }
}

