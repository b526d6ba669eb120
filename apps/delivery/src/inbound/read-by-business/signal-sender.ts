import { setTimeout as delay } from 'node:timers/promises';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { MessageReadByBusinessPayload } from '@sealpost/contracts';
import { DeliveryTiming } from '../../config/delivery-timing';
import { classifyAttempt } from '../../dispatch/attempt-outcome';
import { backoffDelay } from '../../dispatch/backoff';
import { errorSummary } from '../../dispatch/error-summary';
import { GracefulStop } from '../../dispatch/graceful-stop';
import { OutboundPost } from '../../dispatch/outbound-post';
import { signalsBody, signalsFor } from './device-signals';

/** POSTs one endpoint gets for one read before it is given up (its window bounds them too) */
const MAX_ATTEMPTS = 8;
/** signal POSTs under way at once; past this a read's signals are dropped rather than queued behind a slow device */
const MAX_IN_FLIGHT = 1000;

/**
 * Tells devices a business read (and maybe is typing): one POST per device endpoint, off the
 * Kafka handler's path, retried in this process with the device backoff (5xx, 408, 429, no
 * answer) for a bounded number of attempts and window. Signals are not device jobs: they change
 * no message status and the read itself is stored on the inbound rows, so a lost signal costs a
 * stale tick on a device, not a message; a restart drops the retries under way.
 */
@Injectable()
export class SignalSender implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(SignalSender.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stop = new GracefulStop('device signals', this.logger);
  private readonly aborted = new AbortController();

  constructor(
    private readonly timing: DeliveryTiming,
    private readonly outbound: OutboundPost,
  ) {}

  send(endpoints: readonly string[], read: MessageReadByBusinessPayload): void {
    for (const endpoint of endpoints) {
      if (this.stop.stopping || this.inFlight.size >= MAX_IN_FLIGHT) {
        this.logger.warn({ business_id: read.business_id }, 'device signal dropped: shutting down or too many under way');
        continue;
      }
      const sending = this.deliver(endpoint, read)
        .catch((err: unknown) => this.logger.warn(errorSummary(err), 'device signal not sent'))
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  beforeApplicationShutdown(): void {
    this.aborted.abort();
    this.stop.begin(Promise.all(this.inFlight));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop.finished();
  }

  private async deliver(endpoint: string, read: MessageReadByBusinessPayload): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // rebuilt each time: typing is not worth sending once its 25 s are over
      const signals = signalsFor(read);
      if (signals.length === 0) break;
      const verdict = classifyAttempt(await this.outbound.post(endpoint, signalsBody(signals), this.timing.deviceTimeoutMs));
      if (verdict === 'success') return;
      if (verdict === 'final' || attempt === MAX_ATTEMPTS || this.stop.stopping) {
        this.logger.warn({ business_id: read.business_id, verdict, attempts: attempt }, 'device signal given up');
        return;
      }
      try {
        await delay(backoffDelay(attempt, this.timing.retry), undefined, { signal: this.aborted.signal });
      } catch {
        return; // shutting down: the retry is dropped
      }
    }
    this.logger.warn({ business_id: read.business_id }, 'device signal given up: its window is over');
  }
}
