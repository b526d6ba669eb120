import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, MESSAGE_STATUS_EVENT, MessageStatusPayload, STATUS_RANK, TOPICS } from '@sealpost/contracts';
import { decodeRecords, IncomingRecord, KafkaRuntime, parseJsonRecord, PoisonRecordError, RecordRejection } from '@sealpost/kafka';
import { ApplyStatusEventsUseCase } from './apply-status-events/apply-status-events.use-case';
import { StatusStep } from './status-entries';

/** Delivery's status events, a batch at a time, into the status view. */
@Injectable()
export class StatusEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly applyStatusEvents: ApplyStatusEventsUseCase,
  ) {}

  onModuleInit(): void {
    // one message's events share a partition, so partitions may be applied side by side
    this.runtime.register({ name: 'status', topics: [TOPICS.messagesStatus], partitionsConsumedConcurrently: 3, handleBatch: (records) => this.handle(records) });
  }

  private async handle(records: readonly IncomingRecord[]): Promise<RecordRejection[]> {
    const { decoded, rejected } = decodeRecords(records, decodeStatusEvent);
    await this.applyStatusEvents.execute(decoded.flatMap(({ command }) => command ?? []));
    return rejected;
  }
}

/** A status step; null for the topic's other event types, which the view does not follow. */
function decodeStatusEvent({ message }: IncomingRecord): StatusStep | null {
  const event = parseJsonRecord<EventEnvelope<MessageStatusPayload>>(message);
  if (event.type !== MESSAGE_STATUS_EVENT) return null;
  const { message_id, business_id, status, timestamp, errors } = event.payload ?? {};
  if (typeof message_id !== 'string' || typeof business_id !== 'string' || typeof status !== 'string' || (status as string) === 'accepted' || !Object.hasOwn(STATUS_RANK, status) || !/^\d+$/.test(String(timestamp))) {
    throw new PoisonRecordError('malformed status event');
  }
  return { message_id, business_id, status, timestamp: String(timestamp), ...(Array.isArray(errors) && errors.length > 0 && { errors }) };
}
