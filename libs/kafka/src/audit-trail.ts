import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRecord, createEvent, EventContext, TOPICS } from '@sealpost/contracts';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { KafkaPublisher } from './kafka-publisher';

export interface AuditEntry {
  type: string;
  record: Omit<AuditRecord, 'service'>;
  context?: EventContext;
}

/** Records sensitive actions on sealpost.audit.events.v1 for the audit service to chain. */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    private readonly publisher: KafkaPublisher,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  async record(type: string, record: Omit<AuditRecord, 'service'>, context: EventContext = {}): Promise<void> {
    await this.recordMany([{ type, record, context }]);
  }

  /** Several events in one produce: a batch path's audit trail costs one round trip. */
  async recordMany(entries: readonly AuditEntry[]): Promise<void> {
    const events = entries.map(({ type, record, context }) => createEvent(type, { ...record, service: this.options.service }, context ?? {}));
    await this.publisher.publish(TOPICS.auditEvents, events.map((event) => ({ key: event.correlationId, value: event })));
    this.logger.debug({ events: events.length }, 'audit events recorded');
  }
}
