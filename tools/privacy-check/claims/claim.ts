import type { KafkaPrincipal } from '@sealpost/contracts';
import type { KafkaEndpoint } from '@sealpost/testing';
import type { CanaryDelivery } from '../canary-message';
import type { CheckOptions } from '../options';
import type { RunningSuite } from '../running-suite';
import type { SweepOutcome } from '../sweep-run';

/** What every claim may look at: the suite, the canary it sent and the sweep it ran. */
export interface CheckContext {
  options: CheckOptions;
  suite: RunningSuite;
  canary: CanaryDelivery;
  sweep: SweepOutcome;
  /** the broker as a principal, with its credentials when they are known */
  kafka(principal: KafkaPrincipal): KafkaEndpoint;
  /** a line for the operator while a check waits */
  progress(line: string): void;
}

export interface ClaimResult {
  pass: boolean;
  /** what was looked at, or exactly what broke the claim */
  evidence: string[];
}

export interface Claim {
  id: string;
  statement: string;
  check(context: CheckContext): Promise<ClaimResult>;
}
