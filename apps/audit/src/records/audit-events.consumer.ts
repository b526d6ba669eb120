import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, TOPICS } from '@sealpost/contracts';
import { KafkaRuntime, parseJsonRecord, PoisonRecordError } from '@sealpost/kafka';
import { CheckpointService } from '../checkpoints/checkpoint.service';
import { AppendEventUseCase } from './append-event.use-case';

/** Consumes sealpost.audit.events.v1 in order (one partition) into the chain. */
@Injectable()
export class AuditEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly append: AppendEventUseCase,
    private readonly checkpoints: CheckpointService,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'audit',
      topics: [TOPICS.auditEvents],
      handle: async ({ message }) => {
        const event = parseJsonRecord<EventEnvelope>(message);
        if (typeof event.eventId !== 'string' || typeof event.type !== 'string') throw new PoisonRecordError('audit event without eventId or type');
        const record = await this.append.execute(event);
        if (record) await this.checkpoints.onAppended(record.seq);
      },
    });
  }
}
