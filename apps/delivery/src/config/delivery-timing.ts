import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parseIsoDuration } from '@sealpost/platform';
import { RetryPolicy } from '../dispatch/backoff';
import { DeliveryEnv } from './delivery.env';

/**
 * A batch's status marker older than this is presumed left by a dead process, and recovery
 * finishes it (a live batch normally takes milliseconds; finishing it twice is harmless).
 */
export const MARKER_GRACE_MS = 10000;

/** The delivery durations in milliseconds, parsed once from the validated config. */
export class DeliveryTiming {
  constructor(
    readonly retry: RetryPolicy,
    readonly deviceTimeoutMs: number,
    readonly webhookTimeoutMs: number,
  ) {}

  /**
   * How long claimed device jobs stay reserved: the POST's timeout plus room to store the
   * outcome. A process that dies mid-POST leaves the lease to expire; the jobs are due again.
   */
  get deviceLeaseMs(): number {
    return this.deviceTimeoutMs + 5000;
  }

  /**
   * A job sent straight from its accepted batch is POSTed only while this much of its lease is
   * left: the POST, then time for the outcome's marker to be recovered (a dead process leaves it
   * MARKER_GRACE_MS) before the lease lapses and the poller could send the job again.
   */
  get directPostMarginMs(): number {
    return this.deviceTimeoutMs + MARKER_GRACE_MS + 10000;
  }

  /** Twice the margin: room to wait behind an earlier POST to the same endpoint. */
  get directLeaseMs(): number {
    return 2 * this.directPostMarginMs;
  }

  /** Webhook batches also fetch keys (5 s timeout each) before they POST. */
  get webhookLeaseMs(): number {
    return this.webhookTimeoutMs + 15000;
  }

  /** A webhook sent straight from its batch is POSTed only while this much of its lease is left. */
  get directWebhookPostMarginMs(): number {
    return this.webhookTimeoutMs + 5000;
  }

  /** Webhooks sent straight from their batch: room to wait behind the business's POST before. */
  get directWebhookLeaseMs(): number {
    return 2 * this.webhookLeaseMs;
  }
}

export const deliveryTimingProvider: Provider = {
  provide: DeliveryTiming,
  inject: [ConfigService],
  useFactory: (config: ConfigService<DeliveryEnv, true>): DeliveryTiming => {
    const ms = (name: keyof DeliveryEnv) => parseIsoDuration(config.get(name, { infer: true }) as string)!;
    const retry = { baseMs: ms('SEALPOST_DELIVERY_RETRY_BASE'), maxMs: ms('SEALPOST_DELIVERY_RETRY_MAX') };
    if (retry.maxMs < retry.baseMs) {
      throw new Error('Invalid configuration: SEALPOST_DELIVERY_RETRY_MAX must be at least SEALPOST_DELIVERY_RETRY_BASE');
    }
    return new DeliveryTiming(retry, ms('SEALPOST_DELIVERY_TIMEOUT'), ms('SEALPOST_WEBHOOK_TIMEOUT'));
  },
};
