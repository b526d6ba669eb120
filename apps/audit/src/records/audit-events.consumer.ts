import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, TOPICS } from '@sealpost/contracts';
import { decodeRecords, IncomingRecord, KafkaRuntime, parseJsonRecord, PoisonRecordError, RecordRejection } from '@sealpost/kafka';
import { CheckpointService } from '../checkpoints/checkpoint.service';
import { AppendEventsUseCase } from './append-events.use-case';

/** Consumes sealpost.audit.events.v1 in order (one partition) into the chain, a batch per write. */
@Injectable()
export class AuditEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly append: AppendEventsUseCase,
    private readonly checkpoints: CheckpointService,
  ) {}

  onModuleInit(): void {
    this.runtime.register({ name: 'audit', topics: [TOPICS.auditEvents], handleBatch: (records) => this.handle(records) });
  }

  private async handle(records: readonly IncomingRecord[]): Promise<RecordRejection[]> {
    const { decoded, rejected } = decodeRecords(records, parseEvent);
    await this.checkpoints.onAppended(await this.append.execute(decoded.map((d) => d.command)));
    return rejected;
  }
}

function parseEvent(record: IncomingRecord): EventEnvelope {
  const event = parseJsonRecord<EventEnvelope>(record.message);
  if (typeof event.eventId !== 'string' || typeof event.type !== 'string') throw new PoisonRecordError('audit event without eventId or type');
  return event;
}
