import type { Logger } from '@nestjs/common';
import { withTimeout } from '@sealpost/kafka';

/** a sender's in-flight POSTs and their stored outcomes get this long once shutdown begins */
const FINISH_IN_FLIGHT_MS = 5000;

/**
 * A sender's graceful stop: `begin` (in beforeApplicationShutdown, before any shutdown hook runs)
 * stops it taking work and starts a bounded wait for what is in flight, so every sender's wait
 * runs side by side within the 10 s shutdown deadline; `finished` (in onApplicationShutdown)
 * resolves when that wait ends. Work cut off by the bound goes out again once its lease lapses.
 */
export class GracefulStop {
  private stopped = false;
  private waited?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  begin(inFlight: Promise<unknown>): void {
    this.stopped = true;
    this.waited = withTimeout(inFlight, FINISH_IN_FLIGHT_MS, this.what).then(
      () => undefined,
      () => this.logger.warn(`${this.what} did not finish in time; their leases will lapse and they go out again`),
    );
  }

  async finished(): Promise<void> {
    await this.waited;
  }
}
