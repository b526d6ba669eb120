import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Injectable, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InboundMediaView } from '@sealpost/contracts';
import { DELIVERY_INGESTION_TOKEN, resolveDeliveryCredential } from '@sealpost/platform';
import { IngestionEnv } from '../config/ingestion.env';

/** bounded: a business's GET waits no longer for delivery to start answering */
const TIMEOUT_MS = 10000;
/** media ids are numeric strings (Graph API style): anything else is nobody's media */
const MEDIA_ID = /^\d{1,32}$/;

/** Where delivery's internal media API is, and ingestion's credential for it. */
export class InboundMediaEndpoint {
  constructor(
    readonly url: string,
    readonly credential: string,
  ) {}
}

export const inboundMediaEndpointProvider: Provider = {
  provide: InboundMediaEndpoint,
  inject: [ConfigService],
  useFactory: (config: ConfigService<IngestionEnv, true>) =>
    new InboundMediaEndpoint(
      config.get('DELIVERY_URL', { infer: true }).replace(/\/$/, ''),
      resolveDeliveryCredential(config.get(DELIVERY_INGESTION_TOKEN as keyof IngestionEnv) as string | undefined, config.get('SEALPOST_DATA_DIR' as keyof IngestionEnv) as string),
    ),
};

/**
 * Media customers sent to businesses lives with delivery, which checked it and opens it: ingestion
 * asks delivery for the business it authenticated, and relays the plaintext as it streams.
 * Undefined / false: the business has no such media there either.
 */
@Injectable()
export class InboundMediaClient {
  constructor(private readonly endpoint: InboundMediaEndpoint) {}

  async find(businessId: string, mediaId: string): Promise<InboundMediaView | undefined> {
    if (!MEDIA_ID.test(mediaId)) return undefined;
    const res = await this.call('GET', businessId, `/internal/media/${mediaId}`);
    return res.status === 404 ? undefined : ((await this.expect(res, 200).json()) as InboundMediaView);
  }

  /** The plaintext as delivery opens it; undefined when it is gone meanwhile. */
  async open(businessId: string, mediaId: string): Promise<Readable | undefined> {
    if (!MEDIA_ID.test(mediaId)) return undefined;
    const res = await this.call('GET', businessId, `/internal/media/${mediaId}/content`);
    if (res.status === 404) return undefined;
    return Readable.fromWeb(this.expect(res, 200).body! as ReadableStream<Uint8Array>);
  }

  async delete(businessId: string, mediaId: string): Promise<boolean> {
    if (!MEDIA_ID.test(mediaId)) return false;
    const res = await this.call('DELETE', businessId, `/internal/media/${mediaId}`);
    return res.status !== 404 && this.expect(res, 204).ok;
  }

  /** Bounded until the answer starts: a download then streams for as long as the business reads it. */
  private async call(method: 'GET' | 'DELETE', businessId: string, path: string): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`delivery did not answer ${method} ${path} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    try {
      return await fetch(`${this.endpoint.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.endpoint.credential}`, 'x-sealpost-business': businessId },
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private expect(res: Response, status: number): Response {
    if (res.status !== status) throw new Error(`delivery answered ${res.status} on its internal media API; check DELIVERY_URL and SEALPOST_DELIVERY_INGESTION_TOKEN`);
    return res;
  }
}
