import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRecord, createEvent, EventContext, TOPICS } from '@sealpost/contracts';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { KafkaPublisher } from './kafka-publisher';

/** Records sensitive actions on sealpost.audit.events.v1 for the audit service to chain. */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    private readonly publisher: KafkaPublisher,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  async record(type: string, record: Omit<AuditRecord, 'service'>, context: EventContext = {}): Promise<void> {
    const event = createEvent(type, { ...record, service: this.options.service }, context);
    await this.publisher.publish(TOPICS.auditEvents, [{ key: event.correlationId, value: event }]);
    this.logger.debug({ type, eventId: event.eventId }, 'audit event recorded');
  }
}
