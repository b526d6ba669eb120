import { Injectable } from '@nestjs/common';

/** A reason the service must not be called ready, or undefined while it may. */
export type ReadinessCheck = () => string | undefined;

/**
 * Checks a service adds to /health/ready beside the store and Kafka (the audit log's integrity,
 * say): registered by name at start, each reported as one terminus indicator.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
