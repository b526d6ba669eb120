import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, MESSAGE_STATUS_EVENT, MessageStatusPayload, STATUS_RANK, TOPICS, isStatusUpgrade } from '@sealpost/contracts';
import { KafkaRuntime, parseJsonRecord, PoisonRecordError } from '@sealpost/kafka';
import { Message } from '../messages/message.schema';

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
    // one message's events share a partition and arrive here one at a time, so reading the
    // current status and then writing cannot race; a late, older event changes nothing
    const current = await this.messages.findOne({ _id: message_id }, { status: 1 }).lean().exec();
    if (!current || !isStatusUpgrade(current.status, status)) return;
    await this.messages.updateOne({ _id: message_id }, { $set: { status, [`timestamps.${status}`]: timestamp, ...(errors && { errors }) } }).exec();
  }
}
