import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, MESSAGE_STATUS_EVENT, MessageStatus, MessageStatusPayload, STATUS_RANK, TOPICS, isStatusUpgrade } from '@sealpost/contracts';
import { KafkaRuntime, parseJsonRecord, PoisonRecordError } from '@sealpost/kafka';
import { Message } from '../messages/message.schema';

const ALL: MessageStatus[] = ['accepted', 'sent', 'delivered', 'read', 'failed'];

/** Feeds the status view from delivery's events; a status only ever moves forward. */
@Injectable()
export class StatusEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
  ) {}

  onModuleInit(): void {
    this.runtime.register({ name: 'status', topics: [TOPICS.messagesStatus], handle: ({ message }) => this.apply(parseJsonRecord(message)) });
  }

  private async apply(event: EventEnvelope<MessageStatusPayload>): Promise<void> {
    if (event.type !== MESSAGE_STATUS_EVENT) return;
    const { message_id, status, timestamp, errors } = event.payload ?? {};
    if (typeof message_id !== 'string' || !(status in STATUS_RANK)) throw new PoisonRecordError('malformed status event');
    const upgradable = ALL.filter((from) => isStatusUpgrade(from, status));
    // conditional on the current status: an older event arriving late changes nothing
    await this.messages
      .updateOne(
        { message_id, status: { $in: upgradable } },
        { $set: { status, [`timestamps.${status}`]: timestamp, ...(errors && { errors }) } },
      )
      .exec();
  }
}
