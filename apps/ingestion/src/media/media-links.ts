import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent } from 'undici';
import { EndpointPolicy } from '@sealpost/platform';
import { publicOnlyLookup } from '@sealpost/platform/http/public-only-lookup';
import { fetchLink, LinkedMedia } from './fetch-link';

/** Fetches send `link`s under the operator's endpoint policy (see fetchLink), over one guarded connection pool. */
@Injectable()
export class MediaLinks implements OnApplicationShutdown {
  private readonly agent?: Agent;

  constructor(private readonly policy: EndpointPolicy) {
    this.agent = policy.allowsPrivate ? undefined : new Agent({ connect: { lookup: publicOnlyLookup } });
  }

  open(link: string): Promise<LinkedMedia> {
    return fetchLink(link, { allowsPrivate: this.policy.allowsPrivate, agent: this.agent });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent?.close();
  }
}
