import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, KEY_EVENT_TYPES, KeyEventPayload, TOPICS } from '@sealpost/contracts';
import { KafkaRuntime, parseJsonRecord, eachRecord } from '@sealpost/kafka';
import { KnownBusiness } from './known-business.schema';

/** Learns each business from the creation of its secrets key. */
@Injectable()
export class KeyEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    @InjectModel(KnownBusiness.name) private readonly businesses: Model<KnownBusiness>,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'businesses',
      topics: [TOPICS.keysEvents],
      handleBatch: eachRecord(async ({ message }) => {
        const event = parseJsonRecord<EventEnvelope<KeyEventPayload>>(message);
        if (event.type !== KEY_EVENT_TYPES.created || event.payload?.kind !== 'business-secret' || !event.businessId) return;
        await this.businesses.updateOne({ business_id: event.businessId }, { $setOnInsert: { first_seen_at: new Date() } }, { upsert: true }).exec();
      }),
    });
  }
}
