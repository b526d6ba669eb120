import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditTrail } from '@sealpost/kafka';
import { ReadinessChecks } from '@sealpost/observability';

/**
 * Whether the signer found the stored log tampered with. Once it has, it signs nothing more and
 * the service is not ready until an operator has looked (a restart checks the store again), and
 * the finding is said loudly: an error log, an `audit.tamper_detected` event, a failing
 * /health/ready.
 */
@Injectable()
export class LogIntegrity implements OnModuleInit {
  private readonly logger = new Logger(LogIntegrity.name);
  private finding?: string;

  constructor(
    private readonly readiness: ReadinessChecks,
    private readonly audit: AuditTrail,
  ) {}

  onModuleInit(): void {
    this.readiness.register('audit-log', () => this.finding && `tampering detected, checkpoints refused: ${this.finding}`);
  }

  /** Why checkpoints are refused, once tampering was found. */
  get refusal(): string | undefined {
    return this.finding;
  }

  async tamperDetected(finding: string, signedSeq: number, headSeq: number): Promise<void> {
    if (this.finding) return;
    this.finding = finding;
    this.logger.error(
      { finding, signedSeq, headSeq },
      'AUDIT LOG TAMPERING DETECTED: the stored log does not extend the checkpoint this service signed last; no checkpoint will be signed until the store is restored from a backup and the service restarted',
    );
    const alarm = { actor: 'service:audit', action: 'refuse-checkpoint', target: `seq:${signedSeq}-${headSeq}`, outcome: 'failure' as const, detail: { finding, signed_seq: signedSeq, head_seq: headSeq } };
    await this.audit.record('audit.tamper_detected', alarm).catch((err: Error) => this.logger.error({ error: err.message }, 'the tampering alarm could not be recorded on Kafka'));
  }
}
