import { Injectable, OnModuleInit } from '@nestjs/common';
import { MESSAGE_EVENT_TYPES, MessageAcceptedPayload, MessageReadByBusinessPayload, TOPICS } from '@sealpost/contracts';
import { decodeRecords, IncomingRecord, KafkaRuntime, parseJsonRecord, PoisonRecordError, RecordRejection } from '@sealpost/kafka';
import { DispatchOwnership } from '../dispatch/dispatch-ownership';
import { AcceptedTopicEvent, InvalidEvent, parseAcceptedTopicEvent } from './accepted-event';
import { ApplyBusinessChangeUseCase } from '../businesses/apply-business-change/apply-business-change.use-case';
import { ReadByBusinessUseCase } from '../inbound/read-by-business/read-by-business.use-case';
import { HandleRejectedMessageUseCase } from './handle-rejected/handle-rejected-message.use-case';
import { QueueAcceptedMessagesUseCase } from './queue-accepted/queue-accepted-messages.use-case';

/** Consumes sealpost.messages.accepted.v1 a batch at a time; offsets commit only after the use cases' effects are stored. */
@Injectable()
export class AcceptedMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly accepted: QueueAcceptedMessagesUseCase,
    private readonly rejected: HandleRejectedMessageUseCase,
    private readonly businessChanged: ApplyBusinessChangeUseCase,
    private readonly readByBusiness: ReadByBusinessUseCase,
    private readonly ownership: DispatchOwnership,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'accepted',
      topics: [TOPICS.messagesAccepted],
      partitionsConsumedConcurrently: 3,
      // the partitions this instance consumes are the shards it dispatches
      membership: this.ownership,
      handleBatch: (records) => this.handle(records),
    });
  }

  private async handle(records: readonly IncomingRecord[]): Promise<RecordRejection[]> {
    const { decoded, rejected } = decodeRecords(records, ({ message }) => parse(parseJsonRecord<Record<string, unknown>>(message)));
    const accepted: { record: IncomingRecord; payload: MessageAcceptedPayload }[] = [];
    const reads: MessageReadByBusinessPayload[] = [];
    for (const { record, command: event } of decoded) {
      if (event.type === MESSAGE_EVENT_TYPES.accepted) accepted.push({ record, payload: event.payload });
      else if (event.type === MESSAGE_EVENT_TYPES.businessChanged) await this.businessChanged.execute(event.payload);
      else if (event.type === MESSAGE_EVENT_TYPES.readByBusiness) reads.push(event.payload);
      else await this.rejected.execute(event.payload);
    }
    await this.readByBusiness.execute(reads);
    const verdicts = await this.accepted.execute(accepted.map((a) => a.payload));
    return [...rejected, ...accepted.flatMap(({ record }, i) => (verdicts[i] ? [{ record, error: verdicts[i]! }] : []))];
  }
}

function parse(value: Record<string, unknown>): AcceptedTopicEvent {
  try {
    return parseAcceptedTopicEvent(value);
  } catch (err) {
    if (err instanceof InvalidEvent) throw new PoisonRecordError(err.message);
    throw err;
  }
}
