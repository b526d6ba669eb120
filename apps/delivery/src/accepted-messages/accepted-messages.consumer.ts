import { Injectable, OnModuleInit } from '@nestjs/common';
import { MESSAGE_EVENT_TYPES, TOPICS } from '@sealpost/contracts';
import { IncomingRecord, KafkaRuntime, parseJsonRecord, PoisonRecordError } from '@sealpost/kafka';
import { DispatchOwnership } from '../dispatch/dispatch-ownership';
import { AcceptedTopicEvent, InvalidEvent, parseAcceptedTopicEvent } from './accepted-event';
import { HandleAcceptedMessageUseCase } from './handle-accepted/handle-accepted-message.use-case';
import { HandleRejectedMessageUseCase } from './handle-rejected/handle-rejected-message.use-case';

/** Consumes sealpost.messages.accepted.v1; the offset commits only after the use case's effects are stored. */
@Injectable()
export class AcceptedMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly accepted: HandleAcceptedMessageUseCase,
    private readonly rejected: HandleRejectedMessageUseCase,
    private readonly ownership: DispatchOwnership,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'accepted',
      topics: [TOPICS.messagesAccepted],
      partitionsConsumedConcurrently: 3,
      // the partitions this instance consumes are the shards it dispatches
      membership: this.ownership,
      handle: (record) => this.handle(record),
    });
  }

  private async handle({ message }: IncomingRecord): Promise<void> {
    const event = parse(parseJsonRecord<Record<string, unknown>>(message));
    if (event.type === MESSAGE_EVENT_TYPES.accepted) await this.accepted.execute(event.payload);
    else await this.rejected.execute(event.payload);
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
